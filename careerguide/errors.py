from django.http import HttpResponseNotFound, HttpResponseServerError
from django.template import loader


def page_not_found(request, exception=None):
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def server_error(request):
    # A static page: no context, no database, so it renders even when they are broken.
    with open(loader.get_template("500.html").origin.name, encoding="utf-8") as handle:
        return HttpResponseServerError(handle.read())
