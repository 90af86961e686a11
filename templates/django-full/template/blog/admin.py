"""The admin panel: Django's own, for staff.

The admin's forms are ModelForms of the same models, so the rules in models.py
(the slug made from the title when left empty, its format, lengths, control
characters, usernames and emails unique whatever their case) hold here too.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

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


@admin.register(User)
class BlogUserAdmin(AccessibleAdmin, UserAdmin):
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
class BlogGroupAdmin(AccessibleAdmin, GroupAdmin):
    pass


@admin.register(Post)
class PostAdmin(AccessibleAdmin):
    list_display = ["title", "author", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["title", "body"]
    # A convenience in the browser only; Post.save() makes the slug when it is empty.
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["author"]
    date_hierarchy = "published_at"
