"""Forms: ModelForms validate against the model; Django adds the CSRF check.

Django's form fields already strip surrounding spaces (so a blank value is missing)
and refuse NUL characters; the models add the rest of the rules, for the admin too.
"""

from django import forms
from django.contrib.auth.forms import UserCreationForm

from .models import Post, User


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["title", "slug", "body", "status"]


class RegisterForm(UserCreationForm):
    """Django's form (which refuses a username taken in any case), with an email."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email"]

    def clean_email(self):
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("A user with that email already exists.")
        return email
