from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

guide_patterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.page_detail, name="page"),
]

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include("salaries.urls")),
    path("", include((guide_patterns, "careerguide"))),
]

handler404 = "careerguide.errors.page_not_found"
handler500 = "careerguide.errors.server_error"
