from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from careerguide.cache import cached

from .models import Source


@require_GET
def source_list(request: HttpRequest) -> HttpResponse:
    sources = cached("sources", lambda: list(Source.objects.all()))
    return render(request, "salaries/source_list.html", {"sources": sources})
