from django.urls import path

from salaries.pages import offer_views, views

app_name = "salaries"

urlpatterns = [
    path("sources/", views.source_list, name="sources"),
    path("salary-estimator/", views.estimator, name="estimator"),
    path("pay-check/", views.pay_check, name="pay_check"),
    path("compare-offers/", offer_views.compare_offers, name="compare_offers"),
    path("places/", views.place_suggestions, name="place_suggestions"),
]
