"""Two reader mechanisms: several asks listed in one clause are read one by one, and AI the business already
runs is read as use cases to govern (planned and screened), not ignored because it is not a wish."""

from __future__ import annotations

from agent.config import Settings
from agent.planning.pipeline import draft_from_text
from agent.profile.asks import read_asks
from agent.profile.clauses import clauses, runs_ai_today


def test_a_list_of_asks_in_one_clause_is_split_into_its_items() -> None:
    parts = clauses("We need a booking page for the kennels, a tool that reads our feed invoices and a weekly rota.")
    assert [c.text for c in parts] == [
        "We need a booking page for the kennels",
        "a tool that reads our feed invoices",
        "a weekly rota",
    ]
    assert all(c.wants for c in parts)
    assert [c.listed for c in parts] == [False, True, True]


def test_and_between_names_or_single_words_is_not_a_list() -> None:
    parts = clauses("We log calls from Zoom and Teams, then record and transcribe them.")
    assert "Zoom and Teams" in parts[0].text
    # Without a comma before it, "A and B" is one clause: "sorted by urgency and sent on" is one ask.
    one = clauses("We want the emails sorted by urgency and sent to the right person.")
    assert len(one) == 1


def test_each_item_of_a_listed_ask_becomes_its_own_wish() -> None:
    asks = read_asks(
        "For the dental practice we want a phone assistant for missed calls, reminders against no-shows "
        "and replies to our Google reviews."
    )
    got = {w.use_case for w in asks.wishes}
    assert {"phone-answering-assistant", "review-replies"} <= got
    assert got & {"no-show-prediction", "appointment-booking-assistant"}


def test_a_listed_ask_beside_a_risky_one_is_still_an_ask() -> None:
    asks = read_asks(
        "We want face recognition at the gym turnstiles, cancellation warnings for members, and a weekly rota."
    )
    assert "facial-recognition-customers" in {r.flag for r in asks.risky_wishes}
    assert "staff-scheduling" in {w.use_case for w in asks.wishes}


def test_sentences_that_say_ai_already_runs_are_recognised() -> None:
    assert runs_ai_today("We already use AI to sort support tickets.")
    assert runs_ai_today("Our replies to customers are drafted with ChatGPT these days.")
    assert runs_ai_today("Since 2023 our booking system's machine learning predicts no-shows for us.")
    assert not runs_ai_today("We don't use any AI yet.")
    assert not runs_ai_today("Our competitors already use AI chatbots.")  # not the owner's own business
    assert not runs_ai_today("We currently answer every email by hand.")  # no AI named


def test_ai_in_use_becomes_wishes_marked_as_running() -> None:
    asks = read_asks("We already use AI to sort the support tickets and to draft our sales emails.")
    running = {w.use_case: w.in_use for w in asks.wishes}
    assert running.get("support-ticket-triage") is True
    assert running.get("sales-email-drafting") is True
    # The same work done by hand may be a wish (manual work is a pain), but it is not AI that already runs.
    assert not any(w.in_use for w in read_asks("Our two support staff sort the tickets by hand every morning.").wishes)


def test_ai_in_use_is_planned_with_a_reason_and_screened(project_settings: Settings) -> None:
    text = "A 12-person web agency in Leeds. We already use AI to draft our sales emails to leads."
    roadmap = draft_from_text(text, project_settings, model=None).roadmap
    planned = {u.id: u for u in roadmap.use_cases}
    assert "sales-email-drafting" in planned
    assert "already run ai for this" in planned["sales-email-drafting"].rationale.lower()
    assert planned["sales-email-drafting"].compliance_triggers  # screened like any other use case


def test_a_without_that_describes_the_task_is_not_a_constraint() -> None:
    assert read_asks("Our freezers fail without warning and we lose the stock.").constraints == []
    kept = read_asks("Patient records must stay in the EU, without exception.").constraints
    assert kept


def test_an_ask_that_points_at_the_sentence_before_is_read_with_it() -> None:
    parts = clauses("Suppliers post us paper invoices every week. We'd like them read automatically.")
    assert [c.wants for c in parts] == [False, True]
    assert parts[1].text == "Suppliers post us paper invoices every week: We'd like them read automatically"
    asks = read_asks("Suppliers post us paper invoices every week. We'd like them read automatically.")
    assert [w.use_case for w in asks.wishes] == ["invoice-processing"]
    # Without the pointing ask, the same facts are no ask at all.
    assert clauses("Suppliers post us paper invoices every week.")[0].wants is False


def test_a_risky_clause_that_is_also_a_plain_task_keeps_the_plain_ask() -> None:
    # One item of a list of asks: the rejections are risky, the e-mails themselves a plain drafting task. (Said as a
    # whole sentence, "decline emails sent automatically to every applicant the system turns down", the risk
    # classifier trained on owners' risky sentences reads the sentence as the risky practice only.)
    asks = read_asks("We'd like AI to shortlist candidates, auto-send rejection emails and write job ads.")
    assert "fully-automated-rejections" in {r.flag for r in asks.risky_wishes}
    assert {w.use_case for w in asks.wishes} & {"sales-email-drafting", "client-communication-drafting"}
    # A risky clause with no plain task in it plans nothing.
    assert not read_asks("Let the tool reject weak loan requests automatically.").wishes
