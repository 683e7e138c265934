from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils.translation import gettext_lazy as _

from sxsh_portal.forms import PortalFormMixin
from sxsh_portal.ids import IdModelChoiceField
from sxsh_portal.territory.models import Agency

from .access import may_grant_role
from .models import RoleAssignment, User


class LoginForm(PortalFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. "
            "Lưu ý: mật khẩu phân biệt chữ hoa và chữ thường."
        ),
        "inactive": _("Tài khoản này chưa được kích hoạt hoặc đã bị khoá."),
    }
    # As long as a username can be: a longer one is refused by the form, before django-axes
    # records the failed attempt in its 255-character column (a 500 on PostgreSQL).
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class RoleGrantForm(PortalFormMixin, forms.Form):
    """The role page's grant form (parse only; the rules live in services.role_grant)."""

    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    role = forms.ChoiceField(label=_("Vai trò"))
    agency = IdModelChoiceField(
        label=_("Cơ quan"),
        queryset=Agency.objects.select_related("province").order_by("name"),
        required=False,
        help_text=_("Sở Công Thương với vai trò tỉnh; cơ quan báo cáo với vai trò đơn vị."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (value, label)
            for value, label in RoleAssignment.Role.choices
            if may_grant_role(actor, value)
        ]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            raise forms.ValidationError(_("Không có tài khoản với tên đăng nhập này."))
        self.cleaned_data["user"] = user
        return username


class PasswordResetMailForm(PortalFormMixin, PasswordResetForm):
    """Django's form logs a failed mail and carries on, so the page said "sent"; here the
    failure reaches the view, which tells the user."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name:
            html = loader.render_to_string(html_email_template_name, context)
            message.attach_alternative(html, "text/html")
        message.send()
