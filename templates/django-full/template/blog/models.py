"""The blog's data: posts, and the users who write them."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from .validators import no_control_characters, no_control_characters_but_line_breaks

SLUG_MAX_LENGTH = 200


class CaseInsensitiveUserManager(UserManager):
    def get_by_natural_key(self, username):
        # Usernames are unique whatever their case (below), so logging in and
        # createsuperuser's "already taken" check ignore case too.
        return self.get(username__iexact=username)


class User(AbstractUser):
    """Django's user, made ours from the start as Django advises, so its rules can change.

    Django's own user has a case-sensitive unique username and an optional email that
    need not be unique; here both are unique whatever their case, in the database too.
    """

    email = models.EmailField("email address")

    objects = CaseInsensitiveUserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("username"),
                name="unique_username_any_case",
                violation_error_message="A user with that username already exists.",
            ),
            models.UniqueConstraint(
                Lower("email"),
                name="unique_email_any_case",
                violation_error_message="A user with that email already exists.",
            ),
        ]


class PublishedManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(status=Post.Status.PUBLISHED)


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200, validators=[no_control_characters])
    slug = models.SlugField(
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text="Leave it empty to make one from the title.",
    )
    # On a TextField, max_length bounds the forms (the admin's too), not the column.
    body = models.TextField(max_length=50_000, validators=[no_control_characters_but_line_breaks])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # A callable, so each row gets its own time when it is inserted.
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = models.Manager()
    published = PublishedManager()

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("blog:post_detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if not self.slug:
            self.slug = self.free_slug()
        super().save(*args, **kwargs)

    def free_slug(self) -> str:
        """The title as a slug, with -2, -3... when another post has it; never empty."""
        # Room for a suffix; "post" when the title has no letter or digit slugify keeps
        # (slugify drops what ASCII cannot spell: "日本語" or "!!!").
        base = slugify(self.title)[: SLUG_MAX_LENGTH - 10].strip("-_") or "post"
        taken = set(
            Post.objects.filter(slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug
