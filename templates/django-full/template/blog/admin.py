"""The admin panel: Django's own, for staff.

The admin's forms are ModelForms of the same models, so the rules in models.py
(the slug made from the title when left empty, its format, lengths, control
characters, usernames and emails unique whatever their case) hold here too.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Post, User


@admin.register(User)
class BlogUserAdmin(UserAdmin):
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


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["title", "body"]
    # A convenience in the browser only; Post.save() makes the slug when it is empty.
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["author"]
    date_hierarchy = "published_at"
