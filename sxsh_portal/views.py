from django.templatetags.static import static
from django.views.generic import RedirectView, TemplateView


class HomeView(TemplateView):
    template_name = "home.html"


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page links: send them to the static file."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")
