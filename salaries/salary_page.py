"""Data tables and charts shown below the guide's salary page."""

from django.http import HttpRequest

from careerguide.views import page_extras


@page_extras("salary")
def salary_page_data(request: HttpRequest) -> dict:
    return {"page_extras": []}
