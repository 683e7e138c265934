from django.templatetags.static import static
from django.views.generic import RedirectView, TemplateView

from .accounts.access import scope_for
from .home import home_work


class HomeView(TemplateView):
    """The public introduction; signed in, the user's work by role (sxsh_portal/home.py)."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["work"] = home_work(scope=scope_for(self.request.user), user=self.request.user)
        return context


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page links: send them to the static file."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")
