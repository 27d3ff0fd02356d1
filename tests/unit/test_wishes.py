"""The reader of the owner's asks: clauses, phrasing index, wishes, risky wishes, constraints and trade."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from agent.profile import risky, sentence_view
from agent.profile.asks import read_asks
from agent.profile.classifier import PhrasingClassifier
from agent.profile.clauses import clauses
from agent.profile.extract import extract_profile
from agent.profile.risky import is_negated, red_flags
from agent.profile.semantic import PhrasingIndex
from agent.profile.trade import read_industry
from agent.profile.update import update_profile
from agent.profile.wishes import custom_title
from agent.retrieval.embeddings import HashEmbedder


def _texts(text: str) -> list[tuple[str, bool]]:
    return [(c.text, c.wants) for c in clauses(text)]


def test_clauses_split_several_asks_and_carry_the_ask_forward() -> None:
    got = _texts("We'd like to forecast demand, and I'd also like help writing job adverts; plus reply to reviews.")
    assert got == [
        ("We'd like to forecast demand", True),
        ("I'd also like help writing job adverts", True),
        ("reply to reviews", True),
    ]


def test_clauses_read_imperatives_refusals_and_pointers() -> None:
    assert _texts("Predict which donors will give again.") == [("Predict which donors will give again", True)]
    refused = clauses("No chatbots please, our members hate them.")
    assert refused[0].refuses and not refused[0].wants
    # "AI could help" points back at the clause before it, which becomes the ask.
    pointed = clauses("Claim forms eat my manager's week; AI could help.")
    assert [c.wants for c in pointed] == [True, True]


def test_two_activities_joined_by_and_are_two_items() -> None:
    parts = clauses("Answering the Google reviews and making up the weekly newsletter.")
    assert [c.text for c in parts] == ["Answering the Google reviews", "making up the weekly newsletter"]
    assert parts[1].listed
    assert len(clauses("Ordering stock and flour runs late every week.")) == 1  # a gerund subject is one clause
    plus = clauses("dog grooming, Leeds. no shows + people wanting to book at 11pm")
    assert [(c.text, c.listed) for c in plus[-2:]] == [("no shows", False), ("people wanting to book at 11pm", True)]


def test_each_item_of_a_numbered_list_is_an_ask() -> None:
    parts = clauses("Our wishlist: 1) answer emails overnight 2) a rota that fits the bookings (3) tidy the stock list")
    assert [(c.text, c.wants) for c in parts][-3:] == [
        ("answer emails overnight", True),
        ("a rota that fits the bookings", True),
        ("tidy the stock list", True),
    ]
    assert parts[-2].listed
    # items on lines of their own, one word each, end at their line; a number that opens a line ends no sentence
    lines = clauses("What I'd hand over:\n1. invoices\n2. the rota\nWe are a pub in York.")
    assert [(c.text, c.wants, c.listed) for c in lines] == [
        ("What I'd hand over:", False, False),
        ("invoices", True, True),
        ("the rota", True, True),
        ("We are a pub in York", False, False),
    ]
    assert [c.text for c in clauses("Opened in 2019. Busy since.")] == ["Opened in 2019", "Busy since"]
    # one bracketed letter is no list
    assert not any(c.wants for c in clauses("We have three vans (b) grade and two drivers."))


def test_an_ask_for_help_with_all_of_it_makes_what_it_points_back_at_asks() -> None:
    parts = clauses("Bakery in Ghent. Our waste is awful, the ovens burn power all night. Could AI help with both?")
    assert [(c.text, c.wants) for c in parts] == [
        ("Bakery in Ghent", False),
        ("Our waste is awful", True),
        ("the ovens burn power all night", True),
        ("Could AI help with both?", True),
    ]
    # without such a question the complaints stay complaints
    assert not any(c.wants for c in clauses("Our waste is awful, the ovens burn power all night."))


def test_complaints_told_as_a_feeling_about_the_work_are_complaints() -> None:
    for said in ("Month-end payroll is a nightmare", "I'm sick of chasing late invoices", "the rota drives me mad"):
        assert clauses(said)[0].pain, said
    assert clauses("Would love help with the newsletter")[0].wants


def test_the_first_sentence_of_an_answer_to_what_ai_should_help_with_asks() -> None:
    """Told as a reply to that question, "Staff plan and room prices." names two asks; read cold, it names none.
    The business's own name and place in the answer ask for nothing."""
    text = "Staff plan and room prices. Both I do by gut feeling."
    assert read_asks(text).wishes == []
    assert {w.use_case for w in read_asks(text, answering=True).wishes} == {"staff-scheduling", "dynamic-pricing"}
    assert read_asks("Payment institution in Tallinn, small team.", answering=True).wishes == []
    profile = extract_profile("We run a 40 room hotel in Innsbruck, Austria.")
    answered, _ = update_profile(profile, text, date(2026, 12, 3), slot="goals")
    assert set(answered.requested_use_cases) == {"staff-scheduling", "dynamic-pricing"}
    told, _ = update_profile(profile, text, date(2026, 12, 3), slot="budget")
    assert told.requested_use_cases == []


def test_clauses_treat_a_single_line_break_as_wrapping() -> None:
    assert [c.text for c in clauses("We keep our production plan in\nExcel.")] == [
        "We keep our production plan in Excel"
    ]


def test_phrasing_index_scores_best_and_caches_vectors_on_disk(tmp_path: Path) -> None:
    embedder = HashEmbedder()
    index = PhrasingIndex("t", {"bake": ["bake more bread"], "calls": ["answer phone calls"]}, cache_dir=tmp_path)
    vectors = np.asarray(embedder.embed(["we bake bread", "answer calls please"]), dtype=np.float32)
    hits = index.best(vectors, embedder)
    assert [h.id for h in hits if h] == ["bake", "calls"]
    assert all(h is not None and h.score > h.runner_up for h in hits)
    cached = list(tmp_path.glob("phrasings-t-*.npy"))
    assert len(cached) == 1

    # A second index over the same phrasings reads the cache instead of embedding again.
    class Refuses(HashEmbedder):
        def embed(self, texts: list[str]) -> list[list[float]]:
            raise AssertionError("phrasings should come from the cache")

    again = PhrasingIndex("t", {"bake": ["bake more bread"], "calls": ["answer phone calls"]}, cache_dir=tmp_path)
    assert set(again.scores(vectors, Refuses())) == {"bake", "calls"}


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("We'd like an AI receptionist to pick up calls when the chairs are busy.", ["phone-answering-assistant"]),
        ("I want to know which gym members are drifting away before they cancel.", ["churn-prediction"]),
        ("Every one of our 4,000 products needs a description and we only have 300 written.", []),
        ("We opened our second salon in Porto last spring.", []),
    ],
)
def test_wishes_match_catalogue_use_cases_by_words_or_meaning(text: str, wanted: list[str]) -> None:
    got = [w.use_case for w in read_asks(text).wishes if w.use_case]
    if wanted:
        assert got == wanted
    else:  # a fact stated, not an ask, stays out unless it is nearly a paraphrase of one
        assert "churn-prediction" not in got and "phone-answering-assistant" not in got


def test_a_wish_the_catalogue_lacks_is_kept_as_a_custom_wish_with_a_title() -> None:
    asks = read_asks("We'd like AI to help us design the seating plans for weddings.")
    assert [(w.use_case, w.title, w.matched_by) for w in asks.wishes] == [
        (None, "Design the seating plans for weddings", "custom")
    ]
    assert custom_title("we'd like that optimised") is None  # a pointer, not a wish


def test_the_main_ask_comes_first() -> None:
    asks = read_asks(
        "We'd like help replying to Google reviews. Our main ask is CV scoring and shortlisting for our clients."
    )
    assert [w.use_case for w in asks.wishes][:2] == ["cv-screening", "review-replies"]


def test_risky_wishes_are_found_by_words_and_by_meaning_and_never_become_constraints() -> None:
    asks = read_asks(
        "We want to scrape LinkedIn for candidates without telling them. A video interview tool that rates "
        "candidates' enthusiasm from facial expressions also sounds great. Staff must not feel watched."
    )
    assert [r.flag for r in asks.risky_wishes] == ["scraping-for-outreach", "emotion-recognition-at-work"]
    assert asks.constraints == ["Staff must not feel watched"]
    emotion = asks.risky_wishes[1]
    assert "Art. 5(1)(f)" in emotion.ref and emotion.alternative and "enthusiasm" in emotion.phrase


def test_saying_what_must_not_happen_is_a_constraint_not_a_risky_wish() -> None:
    asks = read_asks("I don't want anything that monitors staff or tracks their productivity.")
    assert asks.risky_wishes == []
    assert asks.constraints == ["I don't want anything that monitors staff or tracks their productivity"]


@pytest.mark.parametrize(
    "text",
    [
        "I will never record our patients' calls without telling them.",
        "A supplier offered to put face recognition on our front door and I said no way.",
        "Someone pitched me cameras that read the staff's mood, and I told them where to go.",
        "Our old supervisor wanted to rank the cleaners by GPS every evening; I turned that down flat.",
        "Selling our customer list to a data broker is out of the question.",
    ],
)
def test_a_practice_the_owner_turns_down_is_no_risky_wish(text: str) -> None:
    assert read_asks(text).risky_wishes == []


def test_not_wanting_to_tell_people_is_the_covert_part_not_a_refusal() -> None:
    assert not is_negated("I don't want to tell customers they're recorded")
    assert not clauses("I don't want to tell customers they're recorded.")[0].refuses
    assert is_negated("I don't want to let the AI reject people on its own")
    asks = read_asks("We'd like to record the phone orders, but I don't want to tell customers they're recorded.")
    assert "covert-recording" in [r.flag for r in asks.risky_wishes]


@pytest.mark.parametrize(
    "text",
    [
        "Every refund over fifty euro, a manager approves it.",
        "Nothing may leave the building: the drawings belong to our clients.",
        "Our members must always know they are talking to a machine.",
        "I'd never let a program turn a tenant down by itself.",
    ],
)
def test_a_person_keeping_the_decision_or_data_staying_put_is_a_constraint(text: str) -> None:
    assert read_asks(text).constraints != []


def test_recording_everyone_is_told_of_is_not_covert() -> None:
    secret = "We'd like every sales call recorded and summarised into the CRM without telling the customer."
    assert "covert-recording" in [r.flag for r in read_asks(secret).risky_wishes]
    # the model alone reads this one as covert (its words: calls, recorded, knows)
    told = "Can AI put notes from our client calls in the CRM? Everyone on the calls knows they are being recorded."
    assert "covert-recording" not in [r.flag for r in read_asks(told).risky_wishes]
    assert red_flags()["covert-recording"].undone_in(told)
    assert not red_flags()["covert-recording"].undone_in(told.replace("knows", "never knows"))


def test_a_postcode_filter_on_applicants_is_a_discriminatory_proxy() -> None:
    assert red_flags()["discriminatory-filters"].named_by_elements("hide the applicants from those two zip codes")
    asks = read_asks("Hide the job applicants from those two zip codes on the south side, we've had trouble there.")
    assert "discriminatory-filters" in [r.flag for r in asks.risky_wishes]


@pytest.mark.parametrize(
    "text",
    [
        "A supplier pitched us cameras that read how customers feel at the till. Hard no, our regulars would hate it.",
        "Someone tried to sell me software that records every keystroke my staff type. I'm not doing that, at all.",
        "A vendor showed us badges that track every move our cleaners make. Told him where to go, they're adults.",
        "Our ad contractor wants to upload the client list to Facebook for lookalikes. I said absolutely not.",
    ],
)
def test_a_reply_that_turns_down_the_sentence_before_leaves_no_risky_wish(text: str) -> None:
    assert read_asks(text).risky_wishes == []
    first = text.split(". ")[0] + "."  # told without the reply, the practice is still asked for
    assert read_asks(first + " We want it.").risky_wishes != []


def test_a_pitch_the_owner_turns_down_is_no_wish_of_any_kind() -> None:
    turned_down = clauses("A rep pitched us a chatbot for the website. Hard no, we want real people answering.")
    assert turned_down[0].refuses and not turned_down[0].wants
    asks = read_asks("A rep pitched us a chatbot for the website. Hard no. We'd like help writing the rota.")
    assert "customer-service-chatbot" not in [w.use_case for w in asks.wishes]
    assert "staff-scheduling" in [w.use_case for w in asks.wishes]


@pytest.mark.parametrize(
    "text",
    [
        "Our landlord wants cameras that check which of the cleaners slack off. My team would walk out.",
        "A consultant suggested we train our own large language model from scratch, which sounds insane for us.",
        "The insurance company keeps pushing cameras in the cab watching the drivers' faces. Creepy, if you ask me.",
    ],
)
def test_someone_elses_pitch_the_owner_judges_badly_is_turned_down(text: str) -> None:
    assert read_asks(text).risky_wishes == []


def test_a_doubt_inside_the_pitch_is_not_the_owners_judgement() -> None:
    """What the pitch itself says ("chatbots are overkill") is not the owner turning it down."""
    said = clauses("A friend said a chatbot is overkill for a shop our size, but I'd like one on the website.")
    assert not any(c.refuses for c in said)


def test_no_way_i_can_opening_a_sentence_refuses_nothing_before_it() -> None:
    parts = clauses("We got 140 applications in a week. No way I can read them all, I need a shortlist.")
    assert not any(c.refuses for c in parts)


def test_no_way_i_can_is_a_complaint_and_the_risky_ask_beside_it_stands() -> None:
    asks = read_asks("There's no way I can read 500 CVs, so let the AI reject the weak ones by itself, nobody checks.")
    assert "fully-automated-rejections" in [r.flag for r in asks.risky_wishes]


def test_a_sum_of_money_in_a_complaint_does_not_make_it_a_budget() -> None:
    stock = read_asks("hardware shop, 8k sitting in stock that hasnt moved in a year and we still run out of screws")
    assert [w.use_case for w in stock.wishes] == ["inventory-optimisation"]
    assert read_asks("We can spend EUR 10,000 and would like results by May.").wishes == []


def test_a_meaning_only_risk_needs_its_critical_words() -> None:
    flag = red_flags()["fully-automated-rejections"]
    assert flag.cued("let the model reject applicants automatically")
    assert not flag.cued("help us rank applicants for each vacancy")
    customers = red_flags()["emotion-recognition-customers"]
    assert not customers.cued("read how stressed our cashiers look")  # staff: the workplace flag instead


def test_every_red_flag_has_phrasings_a_law_and_a_safer_alternative() -> None:
    for flag in red_flags().values():
        assert flag.phrasings and flag.ref and flag.alternative, flag.id


@pytest.mark.parametrize(
    ("text", "industry"),
    [
        ("We run two physical therapy clinics in Houston. Insurance claims take hours every week.", "medical-clinic"),
        ("I own a hair salon in Leeds. My bookkeeper says our budget is smaller this year.", "beauty-salon"),
        ("We are a trucking company in Amarillo with 40 lorries and a warehouse.", "logistics"),
        ("Our segments include fitness enthusiasts and new parents, sold to advertisers.", None),
    ],
)
def test_the_trade_is_the_subject_not_a_passing_mention(text: str, industry: str | None) -> None:
    assert read_industry(text)[0] == industry


def test_a_chat_answer_adds_wishes_without_repeating_them() -> None:
    from datetime import date

    from agent.profile import extract_profile
    from agent.profile.update import update_profile

    profile = extract_profile("We run a hair salon in Leeds with 4 staff and want help replying to Google reviews.")
    updated, changed = update_profile(profile, "We'd also like an AI receptionist for the phones.", date(2026, 11, 30))
    assert [w.use_case for w in updated.wishes] == ["review-replies", "phone-answering-assistant"]
    assert "wishes" in changed and "requested_use_cases" in changed


def test_the_eval_scores_asks_by_use_case_custom_risk_and_constraint() -> None:
    from evals.wishes_eval import SplitScore, score_case

    case = {
        "text": "x",
        "wishes": ["churn-prediction", "custom:menu ideas"],
        "risky": ["staff-surveillance"],
        "constraints": ["feel watched"],
        "also_ok": ["email-marketing-personalisation"],
    }
    asks = read_asks(
        "I want to know which members will cancel. We'd like AI to generate menu ideas from leftovers. "
        "We want GPS on every technician and a productivity score for each. Staff must not feel watched."
    )
    score = SplitScore()
    score_case(case, asks, score)
    assert (score.requested.tp, score.requested.fn) == (2, 0)
    assert (score.risky.tp, score.risky.fp, score.constraints.tp) == (1, 0, 1)


def test_an_unlisted_verb_before_a_determiner_starts_an_instruction() -> None:
    assert _texts("Tune our room rates to the events in town.") == [("Tune our room rates to the events in town", True)]
    assert _texts("Hundreds of our records have no photos.")[0][1] is False
    assert _texts("Once the season starts we hire six more people.")[0][1] is False


def test_phrasing_index_votes_count_the_nearest_phrasings_per_id(tmp_path: Path) -> None:
    embedder = HashEmbedder()
    phrasings = {"bake": ["bake bread", "bake more bread", "bread baking"], "calls": ["answer phone calls"]}
    index = PhrasingIndex("v", phrasings, cache_dir=tmp_path)
    vectors = np.asarray(embedder.embed(["we bake bread daily"]), dtype=np.float32)
    assert index.votes(vectors, embedder, 3) == [{"bake": 3}]
    assert sum(index.votes(vectors, embedder, 4)[0].values()) == 4


def test_the_phrasing_classifier_learns_its_classes_deterministically_and_caches_weights(tmp_path: Path) -> None:
    embedder = HashEmbedder()
    phrasings = {
        "bake": ["bake more bread", "bread for the morning", "how many loaves to bake"],
        "calls": ["answer phone calls", "pick up the phone", "missed calls at lunch"],
    }
    classifier = PhrasingClassifier("c", phrasings, cache_dir=tmp_path)
    vectors = np.asarray(embedder.embed(["loaves of bread to bake", "nobody can answer the phone calls"]), "float32")
    probabilities = classifier.probabilities(vectors, embedder)
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert [classifier.classes[int(i)] for i in probabilities.argmax(axis=1)] == ["bake", "calls"]
    assert len(list(tmp_path.glob("classifier-c-*.npz"))) == 1

    class Refuses(HashEmbedder):
        def embed(self, texts: list[str]) -> list[list[float]]:
            raise AssertionError("weights and phrasings should come from the cache")

    again = PhrasingClassifier("c", phrasings, cache_dir=tmp_path).probabilities(vectors, Refuses())
    assert np.array_equal(again, probabilities)


def test_a_risky_practice_is_named_by_its_critical_elements() -> None:
    rejections = red_flags()["fully-automated-rejections"]
    assert rejections.named_by_elements("the portal should decline tenancy requests by itself")
    assert not rejections.named_by_elements("please decline the meeting on Friday")
    filters = red_flags()["discriminatory-filters"]
    assert filters.named_by_elements("have the tool weed out anyone with a disability")
    assert not filters.named_by_elements("have the tool weed out duplicate CVs")
    asks = read_asks("We want the booking system to refuse membership applications automatically, no staff involved.")
    assert [r.flag for r in asks.risky_wishes] == ["fully-automated-rejections"]


def test_monitoring_that_feeds_pay_rank_or_discipline_names_staff_surveillance() -> None:
    surveillance = red_flags()["staff-surveillance"]
    assert surveillance.named_by_elements("cameras facing the driver, and the scores go into the monthly bonus")
    assert surveillance.named_by_elements("use the camera reports in teacher reviews too")
    assert not surveillance.named_by_elements("rank the CVs that come in for the nurse jobs")  # no monitoring
    assert not surveillance.named_by_elements("a monthly report of stock levels for the bonus scheme")  # no worker


def test_ages_and_nationalities_said_in_other_forms_name_a_discriminatory_filter() -> None:
    filters = red_flags()["discriminatory-filters"]
    assert filters.named_by_elements("filter out certain nationalities")
    assert filters.named_by_elements("quietly drop anyone past 45, clients want a young team")


def test_a_sentence_with_a_plain_ask_and_a_risky_one_keeps_both() -> None:
    asks = read_asks(
        "This year we want churn prediction for subscribers, and a tool that rates how cheerful our baristas "
        "sound from the till microphones."
    )
    assert [w.use_case for w in asks.wishes] == ["churn-prediction"]
    assert [r.flag for r in asks.risky_wishes] == ["emotion-recognition-at-work"]


def test_each_risky_wish_quotes_the_clause_that_names_it() -> None:
    asks = read_asks(
        "Our buses already carry cameras facing the road. A supplier also offers in-cab cameras that watch "
        "the drivers' eyes for drowsiness."
    )
    driver = [r for r in asks.risky_wishes if r.flag == "driver-facing-cameras"]
    assert driver and "in-cab" in driver[0].phrase


def test_a_full_clause_cache_never_loses_a_vector_the_same_call_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    import agent.profile.semantic as semantic

    monkeypatch.setattr(semantic, "_CLAUSE_CACHE", {})
    monkeypatch.setattr(semantic, "_CLAUSE_CACHE_MAX", 2)
    semantic.embed_clauses(("we bake bread daily",))  # cached, and the oldest entry
    texts = ("we bake bread daily", "the phones ring all day", "invoices pile up", "reviews go unanswered")
    vectors = semantic.embed_clauses(texts)
    assert vectors is not None and vectors.shape[0] == len(texts)
    assert len(semantic._CLAUSE_CACHE) <= 2


@pytest.mark.parametrize(
    ("text", "second"),
    [
        (
            "Our bakery wants help planning how many loaves to bake each day and replying to the Google reviews we "
            "never answer.",
            "review-replies",
        ),
        (
            "We run a garage in Tralee and would like the phone answered when we are under a car and the invoices "
            "from parts suppliers typed into Xero.",
            "phone-answering-assistant",
        ),
    ],
)
def test_the_second_ask_of_a_sentence_is_read_from_its_own_piece(
    text: str, second: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = [w for w in read_asks(text).wishes if w.use_case == second]
    assert asked and asked[0].phrase in text and asked[0].phrase != text  # quoted by its own piece
    monkeypatch.setattr(sentence_view, "PIECE_PROBABILITY", 1.01)  # without the pieces, the whole hides it
    monkeypatch.setattr(sentence_view, "ASKING_PIECE_PROBABILITY", 1.01)
    assert second not in [w.use_case for w in read_asks(text).wishes]


def test_a_piece_that_asks_in_its_own_words_needs_less_certainty(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "hi it's Sam, I run a tea shop online from Bath um, my product pages say green tea 100g and that's it. could "
        "AI write nicer descriptions and the social posts, but it has to sound like me"
    )
    asked = [w for w in read_asks(text).wishes if w.use_case == "product-description-generation"]
    assert asked and asked[0].phrase == "could AI write nicer descriptions"
    # Read at the bar of a piece that does not ask, the descriptions are lost behind the social posts.
    monkeypatch.setattr(sentence_view, "ASKING_PIECE_PROBABILITY", sentence_view.PIECE_PROBABILITY)
    assert "product-description-generation" not in [w.use_case for w in read_asks(text).wishes]


def test_what_a_risky_practice_is_for_is_read_as_a_plain_ask(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "I'm an osteopath in Galway and I copy each patient's history into my free ChatGPT account to draft the "
        "letters to their GPs."
    )
    asks = read_asks(text)
    assert "consumer-ai-with-sensitive-data" in [r.flag for r in asks.risky_wishes]
    letters = [w for w in asks.wishes if w.use_case == "client-communication-drafting"]
    assert letters and letters[0].phrase.startswith("draft the letters")  # quoted by its purpose
    monkeypatch.setattr(sentence_view, "PIECE_PROBABILITY", 1.01)
    assert "client-communication-drafting" not in [w.use_case for w in read_asks(text).wishes]
    assert sentence_view._purposes("we record the calls to check on the staff") == ["check on the staff"]


def test_a_sentence_holding_a_risky_ask_is_cut_into_its_pieces_and_purposes() -> None:
    cut = sentence_view._pieces_and_purposes(
        "we want every call recorded without telling anyone, and the AI writing up what was agreed, to update the CRM"
    )
    assert "the AI writing up what was agreed" in cut and "update the CRM" in cut  # no opening "and"


def test_recording_kept_secret_in_other_words_is_covert_and_not_undone_by_a_denied_notice() -> None:
    text = "Lettings office in Derby: we record every call with landlords, but nobody needs to know we record."
    assert "covert-recording" in [r.flag for r in read_asks(text).risky_wishes]
    assert red_flags()["covert-recording"].undone_in("Landlords know we record, it is in the greeting.")
    assert not red_flags()["covert-recording"].undone_in("nobody needs to know we record")


def test_a_pitch_judged_badly_two_sentences_later_is_turned_down() -> None:
    text = (
        "Gym in Leeds with 900 members. A vendor pitched us face scanning at the door for check-in. It would log "
        "every member automatically. Sounds creepy to me. What I do want is help answering the membership emails."
    )
    assert "facial-recognition-customers" not in [r.flag for r in read_asks(text).risky_wishes]


def test_a_plan_in_a_funding_application_asks() -> None:
    planned = clauses("Planned: extract data from policy documents automatically, and draft the claim forms.")
    assert planned[0].text.startswith("extract data") and all(c.wants for c in planned)  # the heading is no clause
    assert clauses("The grant is for route optimisation now.")[0].wants
    assert clauses("We intend to trial a dictation tool for the dentists.")[0].wants
    assert not clauses("Planned opening hours are 7 to 3 on weekdays.")[0].wants  # no heading: a fact


def test_thinking_a_tool_through_asks_for_it() -> None:
    assert clauses("we are thinking a booking bot for the website")[0].wants
    assert clauses("I was thinking some kind of stock forecast")[0].wants
    assert not clauses("the staff are thinking ahead about the queue")[0].wants  # "thinking" alone is no ask


@pytest.mark.parametrize(
    "text",
    [
        "Members get in with a QR code on their phones, no fingerprints or face scans.",
        "The vans have GPS for the parcels only, there is no camera in the cab.",
        "Bed sensors and a nurse call for falls at night, no cameras in the bedrooms.",
    ],
)
def test_means_ruled_out_with_no_are_no_risky_ask(text: str) -> None:
    assert read_asks(text).risky_wishes == []


def test_ruling_out_a_means_leaves_secrecy_and_automation_risky() -> None:
    assert is_negated("no cameras or fingerprint readers at the door")
    assert not is_negated("no one needs to know we record the calls")
    assert not is_negated("approved or declined instantly with no staff involvement")


def test_a_short_clause_is_read_with_its_sentence_before_its_meaning_alone_flags_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Dance studio in Utrecht. We want to predict members who'll quit and send them emails."
    assert read_asks(text).risky_wishes == []
    monkeypatch.setattr(risky, "SHORT_CLAUSE_WORDS", 0)  # "send them emails" alone reads like cold outreach
    assert [r.flag for r in read_asks(text).risky_wishes] == ["scraping-for-outreach"]


def test_what_a_practice_does_to_people_in_the_next_sentence_names_its_flag() -> None:
    cameras = "Courier firm in Bremen, 30 vans. We fitted cameras that watch the drivers' faces for tiredness."
    flags = [r.flag for r in read_asks(f"{cameras} With that we dock the bonus of the sleepiest ones.").risky_wishes]
    assert "staff-surveillance" in flags and "driver-facing-cameras" in flags
    # The same sentence not pointing back at the cameras: nothing joins the docking to them.
    apart = f"{cameras} At Christmas we dock the bonus of the sleepiest ones."
    assert [r.flag for r in read_asks(apart).risky_wishes] == ["driver-facing-cameras"]


def test_a_flag_named_by_its_consequence_stands_beside_a_closer_neighbour() -> None:
    surveillance = red_flags()["staff-surveillance"]
    assert surveillance.named_by_consequence("cameras on the drivers, to rank them and dock the worst")
    assert not surveillance.named_by_consequence("cameras that watch the drivers for tiredness")


def test_auto_with_a_refusing_verb_is_the_automation_of_a_rejection() -> None:
    asked = read_asks("we do finance on sofas, want ai to check credit and auto decline the risky ones")
    assert "fully-automated-rejections" in [r.flag for r in asked.risky_wishes]
    kept = read_asks("want something to flag dodgy orders before we ship, dont auto cancel tho, i check them")
    assert kept.risky_wishes == []


def test_what_an_ask_spares_others_negates_nothing() -> None:
    """ "so they dont need to book" is what the risky ask is for, not the owner ruling it out."""
    asks = read_asks("want a bot that tells patients what exercises to do for their symptoms so they dont need to")
    assert "unsupervised-clinical-ai" in [r.flag for r in asks.risky_wishes]
    assert read_asks("we dont need a bot that tells patients what to do about their symptoms").risky_wishes == []
