"""Forms: ModelForms validate against the model; Django adds the CSRF check."""

from django import forms

from .models import Post


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["title", "slug", "body", "status"]
