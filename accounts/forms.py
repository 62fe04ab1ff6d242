from django import forms

CODE_HELP = "The 6 numbers your authenticator app shows now. Spaces are fine."


class CodeForm(forms.Form):
    """One field: the code from the authenticator app. Phones offer the digits keypad and, where they can, fill
    the code in from the app or a message (autocomplete="one-time-code")."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text=CODE_HELP,
        max_length=20,
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app.",
            "max_length": "Enter the 6-digit code from your authenticator app, numbers only.",
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the 6-digit code from your authenticator app, numbers only.")
        return code
