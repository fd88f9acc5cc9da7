from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from careerguide import views
from careerguide.sitemaps import SITEMAPS

guide_patterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("manifest.webmanifest", views.web_manifest, name="manifest"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("figures/<str:name>/", views.figure_detail_page, name="figure"),
    path("<slug:slug>/", views.page_detail, name="page"),
]

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include("salaries.urls")),
    path("", include((guide_patterns, "careerguide"))),
]

handler404 = "careerguide.errors.page_not_found"
handler500 = "careerguide.errors.server_error"
