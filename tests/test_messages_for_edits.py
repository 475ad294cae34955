"""A value refused while the leader types is explained without the field's code name."""

from __future__ import annotations

from udviklingsplan_app.errors import ValidationError
from udviklingsplan_app.messages import explain, explain_edit
from udviklingsplan_app.validation import check_email


def _refusal(address: str) -> ValidationError:
    try:
        check_email(address, "manager_email")
    except ValidationError as error:
        return error
    raise AssertionError("the address was accepted")


def test_a_refused_email_is_explained_without_the_code_name() -> None:
    error = _refusal("henrik.lund@kk")
    assert explain_edit(error) == (
        "»henrik.lund@kk« er ikke en gyldig e-mailadresse – skriv den som fx navn@kk.dk"
    )
    assert "manager_email" in explain(error)  # files and the command line keep the field


def test_a_refusal_starts_with_a_capital_letter() -> None:
    error = ValidationError("arbejdspladsens navn mangler", "workplace")
    assert explain_edit(error) == "Arbejdspladsens navn mangler"


def test_other_errors_are_explained_as_before() -> None:
    error = ValueError("boom")
    assert explain_edit(error) == explain(error)
