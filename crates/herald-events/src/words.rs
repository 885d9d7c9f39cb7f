//! The coder's word lists: closed classes of English (auxiliaries, determiners,
//! prepositions, subordinators) and the verbs and nouns particular rules look for, with
//! the CAMEO codes rules assign by themselves. Upper case, as tokens are normalised.

use herald_text::words;

/// Verbs of sending and summoning, whose purpose infinitive ("to investigate", "to
/// complain") names the act.
pub(crate) const PURPOSE_GOVERNORS: &[&str] = &[
    "SEND",
    "SENDS",
    "SENT",
    "SENDING",
    "DISPATCH",
    "DISPATCHES",
    "DISPATCHED",
    "DISPATCHING",
    "SUMMON",
    "SUMMONS",
    "SUMMONED",
    "SUMMONING",
];

/// Past-tense forms that do not end in -ED.
pub(crate) const IRREGULAR_PAST: &[&str] = &[
    "SAID",
    "TOLD",
    "SPOKE",
    "MET",
    "STRUCK",
    "WROTE",
    "TOOK",
    "GAVE",
    "SENT",
    "LEFT",
    "HELD",
    "BEGAN",
    "FOUGHT",
    "BROKE",
    "CAME",
    "WENT",
    "MADE",
    "FOUND",
    "SAW",
    "BROUGHT",
    "THREW",
    "SHOT",
    "LED",
    "WON",
    "LOST",
    "KEPT",
    "PAID",
    "SOLD",
    "SHOOK",
    "STOOD",
    "FLED",
    "HIT",
    // Participles that are no past tense ("were taken into custody", "was beaten").
    "TAKEN",
    "CAUGHT",
    "BEATEN",
    "THROWN",
    "DRIVEN",
    "SEEN",
    "STOLEN",
    "SHOWN",
    "WITHDRAWN",
    "SLAIN",
    "BLOWN",
    "CHOSEN",
    "BROKEN",
    "SPOKEN",
    "WRITTEN",
    "OVERTHROWN",
    "FORGIVEN",
    "SWORN",
    "TORN",
    "SOUGHT",
    "BOUGHT",
    "TAUGHT",
    "BOUND",
];

/// Words that open a subordinate clause: a verb's target does not lie beyond them.
pub(crate) const SUBORDINATORS: &[&str] = &[
    "WHEN", "WHILE", "WHICH", "WHO", "WHOM", "WHOSE", "WHERE", "BECAUSE", "ALTHOUGH", "THOUGH",
    "WHEREAS", "UNTIL", "UNLESS",
];

/// Words that open an adverbial clause as well as a phrase ("after crowds burned" /
/// "after talks").
pub(crate) const CLAUSE_OPENERS: &[&str] = &["AFTER", "BEFORE", "SINCE", "AS", "IF"];

/// Verbs of intention whose `to`-infinitive carries the event.
pub(crate) const INTENT_VERBS: &[&str] = &[
    "OFFER",
    "OFFERS",
    "OFFERED",
    "OFFERING",
    "WANT",
    "WANTS",
    "WANTED",
    "WANTING",
    "PLAN",
    "PLANS",
    "PLANNED",
    "PLANNING",
    "SEEK",
    "SEEKS",
    "SOUGHT",
    "SEEKING",
    "TRY",
    "TRIES",
    "TRIED",
    "TRYING",
    "INTEND",
    "INTENDS",
    "INTENDED",
    "INTENDING",
    "AIM",
    "AIMS",
    "AIMED",
    "HOPE",
    "HOPES",
    "HOPED",
    "EXPECT",
    "EXPECTS",
    "EXPECTED",
    "PROMISE",
    "PROMISES",
    "PROMISED",
    "PLEDGE",
    "PLEDGES",
    "PLEDGED",
    "THREATEN",
    "THREATENS",
    "THREATENED",
    "VOW",
    "VOWS",
    "VOWED",
    "AGREE",
    "AGREES",
    "AGREED",
    "DECIDE",
    "DECIDES",
    "DECIDED",
    "REFUSE",
    "REFUSES",
    "REFUSED",
    "ATTEMPT",
    "ATTEMPTS",
    "ATTEMPTED",
    // "is willing to send", "is prepared to impose", "is ready to resume".
    "WILLING",
    "PREPARED",
    "READY",
];

/// Auxiliaries and modals (herald-text's `is_auxiliary`): the linear coder takes the main
/// verb after them instead.
pub(crate) use herald_text::words::is_auxiliary;

/// Determiners and quantifiers, and the possessive "'s": a verb form right after one is a
/// noun ("a state visit", "Russia's invasion").
pub(crate) fn determiner(w: &str) -> bool {
    words::is_determiner(w) || words::is_quantifier(w) || w == "'S"
}

/// A past tense or participle form: regular (-ED) or irregular.
/// Number words that count a noun ("two attacks", "several hundred arrests").
pub(crate) const NUMBER_WORDS: &[&str] = &[
    "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "DOZENS", "HUNDREDS",
    "SEVERAL",
];

pub(crate) fn past_form(w: &str) -> bool {
    w.ends_with("ED") || IRREGULAR_PAST.contains(&w)
}

/// Prepositions that cannot open a clause ("from Syria have invaded" is not a subject),
/// unlike before/after/since, which can ("weeks before Russia invaded"): herald-text's
/// common and locative prepositions and these.
const MORE_PREPOSITIONS: &[&str] = &[
    "INTO", "AGAINST", "ABOUT", "BETWEEN", "OVER", "DURING", "WITHOUT", "TOWARD", "TOWARDS",
    "AMONG",
];

/// A preposition that cannot open a clause.
pub(crate) fn true_preposition(w: &str) -> bool {
    words::is_common_preposition(w) || MORE_PREPOSITIONS.contains(&w) || locative(w)
}

/// Any preposition, including those that may open a clause.
pub(crate) fn preposition(w: &str) -> bool {
    true_preposition(w) || matches!(w, "AFTER" | "BEFORE" | "SINCE")
}

/// Prepositions that place an act ("outside Parliament", "near the border") rather than
/// name whom it concerns (herald-text's locative prepositions).
pub(crate) use herald_text::words::is_locative_preposition as locative;

/// Nouns that only count or group what follows "of": the actor after them is the
/// subject ("a group of Moroccan diplomats held", "thousands of Nigerians marched").
pub(crate) const PARTITIVES: &[&str] = &[
    "GROUP",
    "GROUPS",
    "THOUSANDS",
    "HUNDREDS",
    "DOZENS",
    "SCORES",
    "MILLIONS",
    "MEMBERS",
    "MEMBER",
    "DELEGATION",
    "TEAM",
    "CONTINGENT",
    // "supporters of former President Ben Bella blocked roads": his camp acts.
    "SUPPORTERS",
    "FOLLOWERS",
    "BAND",
    "NUMBER",
    "SOME",
    "MANY",
    "MOST",
    "ALL",
    "BOTH",
    "EACH",
    "ONE",
    "TWO",
    "THREE",
    "UNITS",
    "UNIT",
    "BATCH",
    "CONVOY",
    "COLUMN",
    "DEPLOYMENT",
    "PATCH",
    "REPRESENTATIVES",
    "LEADERS",
    "CROWDS",
    "CROWD",
];

/// Words that open an adverbial clause whose verb belongs to the clause it modifies.
pub(crate) const ADVERBIAL_OPENERS: &[&str] = &[
    "AFTER", "BEFORE", "SINCE", "WHEN", "WHILE", "BECAUSE", "UNTIL", "ALTHOUGH", "THOUGH",
    "WHEREAS", "UNLESS",
];

/// Verbs and phrases of reporting.
pub(crate) const REPORTING: &[&str] = &[
    "SAID",
    "SAYS",
    "SAY",
    "TOLD",
    "ADDED",
    "STATED",
    "ANNOUNCED",
    "REPORTED",
    "TWEETED",
    "WROTE",
    "CLAIMED",
    "CONFIRMED",
    "INDICATED",
    "INDICATES",
    "SAYING",
    "ACCORDING",
];

/// Verbs of saying whose object is what was said, a clause of its own ("officials said
/// 20 people died"), unlike "announced", whose object is often a noun.
pub(crate) const SAYING: &[&str] = &["SAID", "SAYS", "SAY", "TOLD", "ADDED", "STATED", "CLAIMED"];

/// Participles of harm whose verbs always take an object: with none after them ("three
/// officers wounded in an attack", "12 tourists killed and 15 wounded"), a headline's
/// participle is passive, whatever the tagger says, and its subject the victims.
pub(crate) const HARM_PARTICIPLES: &[&str] = &[
    "KILLED",
    "WOUNDED",
    "INJURED",
    "HURT",
    "SHOT",
    "STABBED",
    "MURDERED",
    "ASSASSINATED",
    "BEHEADED",
    "MASSACRED",
    "SLAIN",
    "LYNCHED",
    "BEATEN",
    "ABDUCTED",
    "KIDNAPPED",
];

/// The forms of "be" that mark a passive ("were arrested", "has been detained").
pub(crate) const BE_FORMS: &[&str] = &["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING"];

/// "be" or "get" before a participle: the marks of a passive ("got arrested").
pub(crate) fn passive_marker(w: &str) -> bool {
    BE_FORMS.contains(&w) || matches!(w, "GET" | "GETS" | "GOT")
}

/// CAMEO's "Demand, not specified below".
pub(crate) const DEMAND_CODE: &str = "100";

/// Words after which an infinitive states an intention or threat ("agreed to", "is
/// willing to", "threatened to").
pub(crate) const INTENT_GOVERNORS: &[&str] = &[
    "AGREE",
    "AGREED",
    "AGREES",
    "AGREEING",
    "OFFER",
    "OFFERED",
    "OFFERS",
    "OFFERING",
    "PROMISE",
    "PROMISED",
    "PROMISES",
    "PLEDGE",
    "PLEDGED",
    "PLEDGES",
    "VOW",
    "VOWED",
    "VOWS",
    "THREATEN",
    "THREATENED",
    "THREATENS",
    "THREATENING",
    "WILLING",
    "READY",
    "PREPARED",
    "PLAN",
    "PLANS",
    "PLANNED",
    "PLANNING",
    "INTEND",
    "INTENDS",
    "INTENDED",
    "DECIDE",
    "DECIDED",
    "DECIDES",
    "WANT",
    "WANTS",
    "WANTED",
    "PROPOSE",
    "PROPOSED",
    "PROPOSES",
    "RESOLVED",
    "DETERMINED",
    "COMMITTED",
    "EAGER",
];

/// Forms of refuse and decline.
pub(crate) const REFUSALS: &[&str] = &[
    "REFUSE",
    "REFUSES",
    "REFUSED",
    "REFUSING",
    "DECLINE",
    "DECLINES",
    "DECLINED",
    "DECLINING",
];

/// CAMEO's "Reject, not specified below".
pub(crate) const REJECT_CODE: &str = "120";

/// CAMEO's generic threat.
pub(crate) const THREAT_CODE: &str = "130";

/// Words that may sit between a verb of intention and its infinitive, or a modal and its
/// verb: "will also", "agreed in principle on Saturday to", "is willing to", "be ready to"
/// (with weekday and month names).
pub(crate) const INTERPOSED: &[&str] = &[
    "ALSO",
    "NOW",
    "SOON",
    "STILL",
    "FINALLY",
    "FURTHER",
    "FULLY",
    "IN",
    "PRINCIPLE",
    "BE",
    "ALWAYS",
    "EVENTUALLY",
    "QUICKLY",
    "IMMEDIATELY",
    "FORMALLY",
    "TENTATIVELY",
    "ON",
    "TODAY",
    "YESTERDAY",
    "UNANIMOUSLY",
    "PUBLICLY",
    "REPEATEDLY",
    "AGAIN",
    "LATER",
];

/// Forms of verbs of naming ("called it a hoax", "dubbed him a traitor").
pub(crate) const NAMING: &[&str] = &[
    "CALL", "CALLS", "CALLED", "CALLING", "DUB", "DUBS", "DUBBED", "DUBBING", "LABEL", "LABELS",
    "LABELED", "LABELLED", "BRAND", "BRANDS", "BRANDED", "TERM", "TERMS", "TERMED",
];

/// The possessive ending as a token ("'s", "'"; the tokenizer writes ’ as ').
pub(crate) fn possessive(w: &str) -> bool {
    matches!(w, "'S" | "'")
}

/// "called the plan an embarrassment", "what he called a hoax", "called this “a rebuke”":
/// a verb of naming at `v` with an object complement (by the parse), after "what", or
/// with the name in quotes names; it is no call and no act. ("called on", "called for"
/// are other verbs.)
pub(crate) fn names_without_acting(
    norms: &[&str],
    syn: Option<&[herald_core::TokenSyntax]>,
    v: usize,
) -> bool {
    if !NAMING.contains(&norms[v])
        || matches!(
            norms.get(v + 1),
            Some(&("ON" | "FOR" | "OFF" | "UP" | "BACK"))
        )
    {
        return false;
    }
    let complement =
        syn.is_some_and(|syn| syn.iter().any(|t| t.head == Some(v) && t.deprel == "xcomp"));
    let after_what = norms[v.saturating_sub(3)..v].contains(&"WHAT");
    let quoted = norms[(v + 2).min(norms.len())..(v + 8).min(norms.len())]
        .iter()
        .any(|w| matches!(*w, "\"" | "“" | "``" | "'"));
    complement || after_what || quoted
}
