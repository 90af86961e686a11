"""The admin panel: Django's own, for staff.

The admin's forms are ModelForms of the same models, so the rules in models.py
(the slug made from the title when left empty, its format, lengths, control
characters, usernames and emails unique whatever their case) hold here too.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import PAGE_VAR
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.paginator import InvalidPage
from django.db import IntegrityError
from django.http import Http404

from .models import Post, User


class AccessibleAdmin(admin.ModelAdmin):
    """Two changes so that axe-core finds no serious fault in Django's admin pages."""

    # The two-pane selector puts an aria-label on a <span>, which ARIA does not
    # allow; a plain multiple select is labelled properly.
    filter_horizontal = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(field, forms.SplitDateTimeField):
            # Django 5.2 labels neither the date nor the time input (6.0 does).
            date, time = field.widget.widgets
            date.attrs["aria-label"] = f"{field.label}: date"
            time.attrs["aria-label"] = f"{field.label}: time"
        return field


class ConflictAsFormErrorAdmin(admin.ModelAdmin):
    """A unique value taken by another request while this one saved: the form's error, not a 500.

    The admin's form checks that a username or slug is free, then saves; another
    worker can store the same value in between, and the database refuses the
    second row. The admin's transaction is undone by then, so showing the form
    again checks again, finds the other row and says so (or, for a slug made
    from the title, makes the next free one).
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError:
            return super().changeform_view(request, object_id, form_url, extra_context)


class PasswordSummaryWidget(auth_forms.ReadOnlyPasswordHashWidget):
    """The summary of a user's password hash, without the ``disabled`` its field gives.

    The field is read-only, so Django marks its widget disabled; this widget is a
    <div>, which HTML does not let be disabled (Django 5.2 writes it all the same).
    """

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("disabled", None)
        return context


class UserChangeForm(auth_forms.UserChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].widget = PasswordSummaryWidget()


class AdminPasswordChangeForm(auth_forms.AdminPasswordChangeForm):
    # Django 5.2's page writes this help text inside a <p>, where its <ul> may not go:
    # the same warning as a <strong>, which the page's style still hides while the
    # password stays enabled (it hides any .messagelist then).
    usable_password_help_text = auth_forms.SetUnusablePasswordMixin.usable_password_help_text + (
        ' <strong id="id_unusable_warning" class="messagelist">'
        "If disabled, the current password for this user will be lost.</strong>"
    )


class PageNumberOr404Admin(admin.ModelAdmin):
    """A list's ?p= that names no page (text, 0, negative, past the last) is 404, as on the site.

    Django's admin shows the first page for text, and sends a page past the last one
    to an "invalid lookup" page; neither says that the page does not exist.
    """

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(
            request, queryset, per_page, orphans, allow_empty_first_page
        )
        if PAGE_VAR in request.GET:
            try:
                paginator.validate_number(request.GET[PAGE_VAR])
            except InvalidPage as error:
                raise Http404(str(error)) from error
        return paginator


@admin.register(User)
class BlogUserAdmin(PageNumberOr404Admin, ConflictAsFormErrorAdmin, AccessibleAdmin, UserAdmin):
    # Django's forms, changed only to make valid HTML (the Nu HTML checker's errors).
    form = UserChangeForm
    change_password_form = AdminPasswordChangeForm
    # Django's user admin, asking for the email (required here) when adding a user.
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "usable_password", "password1", "password2"),
            },
        ),
    )


admin.site.unregister(Group)


@admin.register(Group)
class BlogGroupAdmin(PageNumberOr404Admin, AccessibleAdmin, GroupAdmin):
    pass


@admin.register(Post)
class PostAdmin(PageNumberOr404Admin, ConflictAsFormErrorAdmin, AccessibleAdmin):
    list_display = ["title", "author", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["title", "body"]
    # A convenience in the browser only; Post.save() makes the slug when it is empty.
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["author"]
    date_hierarchy = "published_at"
