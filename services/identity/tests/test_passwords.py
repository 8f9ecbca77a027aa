import pytest

from services.identity.domain.passwords import password_problems

pytestmark = pytest.mark.unit


def test_a_good_password_passes() -> None:
    assert password_problems("correct horse 42") == []


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short1", "must be at least 8 characters"),
        ("onlyletters", "must contain a digit"),
        ("1234567890", "must contain a letter"),
        ("Password123", "is too common"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password: str, problem: str) -> None:
    assert problem in password_problems(password)


def test_password_may_not_contain_the_email_name() -> None:
    assert "must not contain your e-mail name" in password_problems("alice2024x", email="alice@example.com")
