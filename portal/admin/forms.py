"""The base class of staff forms and fields they share."""

from wtforms import DateField, DateTimeLocalField

from portal.forms import PortalForm


class StaffForm(PortalForm):
    """A staff form (messages in the staff member's language, CSRF token without an id)."""


class FilterForm(StaffForm):
    """A GET filter form: no CSRF token (it changes nothing), read from the query string."""

    class Meta:
        csrf = False


class ParsedValueMixin:
    """A date or time input that shows only a parsed value: its HTML type allows nothing else
    (browsers show other values empty), so an entry that does not parse is shown empty next to
    its error."""

    def _value(self) -> str:
        """The parsed value in the input's format, or empty."""
        return self.data.strftime(self.format[0]) if self.data else ""


class DateInputField(ParsedValueMixin, DateField):
    """An <input type="date"> that never repeats an unparsable entry."""


class DateTimeInputField(ParsedValueMixin, DateTimeLocalField):
    """An <input type="datetime-local"> that never repeats an unparsable entry."""
