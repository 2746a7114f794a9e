//! General-knowledge word lists: given names, titles, speech verbs, organisation and place cues,
//! and the country table. Data files are embedded at compile time (no I/O at run time).

use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

/// Gender hint of a given name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// Mostly male.
    Male,
    /// Mostly female.
    Female,
    /// Either, or not known.
    Unknown,
}

const GIVEN_NAMES_TSV: &str = include_str!("../../assets/data/given-names.tsv");
const COUNTRIES_TSV: &str = include_str!("../../assets/data/countries.tsv");
const SURNAMES_TXT: &str = include_str!("../../assets/data/surnames.txt");
const ENGLISH_WORDS_TXT: &str = include_str!("../../assets/data/english-words.txt");

/// The entries of an embedded word list: one a line, `#` comment lines skipped.
fn word_list(txt: &'static str) -> HashSet<&'static str> {
    txt.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
}

static ENGLISH_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(ENGLISH_WORDS_TXT));

/// Whether `word` (any case) is a common English word ("Star", "visual", "EPIC").
pub fn is_english_word(word: &str) -> bool {
    ENGLISH_WORDS.contains(lower(word).as_ref())
}

/// Determiners, possessives and quantifiers: a capitalised word or a speech word after one is
/// a thing ("the Polaroid", "both praise"), not a name or a verb.
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "both"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "own"
            | "this"
            | "that"
            | "these"
            | "those"
            | "some"
            | "many"
            | "several"
            | "any"
            | "no"
            | "every"
            | "each"
            | "such"
            | "whose"
            | "further"
            | "new"
    )
}

/// The lower-case form of a word, borrowed when it has no upper-case letter (no allocation for
/// the common case).
pub fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

static SURNAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| word_list(SURNAMES_TXT));

/// Whether `word` is a surname of the US Census list (title case: "Mertens"). Many surnames are
/// also common words, so this is evidence to combine with other evidence, never enough alone.
pub fn is_known_surname(word: &str) -> bool {
    SURNAMES.contains(word)
}

/// Places that are not sovereign states but look like names: territories, regions, states and
/// provinces, and big cities that are not capitals (capitals are in the country table).
static PLACES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    "Hong Kong|Macau|Macao|Taiwan|Puerto Rico|Greenland|Guam|Gibraltar|Bermuda|Tibet|Xinjiang|Kashmir|Crimea|Donbas|Donbass|Chechnya|Kosovo|Gaza|West Bank|Golan Heights|Kurdistan|Catalonia|Basque Country|Flanders|Wallonia|Bavaria|Scotland|England|Wales|Northern Ireland|Siberia|Sahara|Sahel|Balkans|Caucasus|Middle East|Scandinavia|Patagonia|Amazonia|Silicon Valley|Wall Street|Hollywood|Manhattan|Brooklyn|Queens|Bronx|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|West Virginia|Washington|Wisconsin|Wyoming|Ontario|Quebec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|New Brunswick|Newfoundland|Yukon|Nunavut|Queensland|New South Wales|Tasmania|Victoria|Western Australia|South Australia|Los Angeles|San Francisco|San Diego|San Jose|Las Vegas|New Orleans|Chicago|Houston|Dallas|Austin|Boston|Seattle|Miami|Atlanta|Detroit|Philadelphia|Phoenix|Denver|Baltimore|Pittsburgh|Cleveland|Orlando|Charlotte|Portland|Sacramento|Toronto|Montreal|Vancouver|Calgary|Edmonton|Ottawa|Winnipeg|Halifax|Sydney|Melbourne|Brisbane|Perth|Adelaide|Auckland|Mumbai|Bombay|Kolkata|Calcutta|Chennai|Bangalore|Hyderabad|Karachi|Lahore|Shanghai|Shenzhen|Guangzhou|Wuhan|Chengdu|Osaka|Kyoto|Yokohama|Busan|Istanbul|Dubai|Mecca|Medina|Jeddah|Aleppo|Mosul|Basra|Benghazi|Alexandria|Lagos|Johannesburg|Cape Town|Durban|Mombasa|Casablanca|Marrakesh|Sao Paulo|São Paulo|Rio de Janeiro|Guadalajara|Monterrey|Medellin|Medellín|Hamburg|Munich|Frankfurt|Cologne|Milan|Naples|Turin|Venice|Florence|Barcelona|Valencia|Seville|Marseille|Lyon|Geneva|Zurich|Antwerp|Rotterdam|Manchester|Liverpool|Birmingham|Leeds|Glasgow|Edinburgh|Belfast|Cardiff|St Petersburg|St. Petersburg|Saint Petersburg|Odessa|Odesa|Kharkiv|Kharkov|Lviv|Donetsk|Luhansk|Mariupol|Sevastopol|Gdansk|Krakow|Kraków"
        .split('|')
        .collect()
});

/// Whether the words, joined by spaces, name a place that is not a sovereign state.
pub fn is_place(words: &[&str]) -> bool {
    match words {
        [] => false,
        [w] => PLACES.contains(w),
        [first, ..] => {
            matches!(
                *first,
                "San"
                    | "Santa"
                    | "Santo"
                    | "São"
                    | "Sao"
                    | "Saint"
                    | "St"
                    | "St."
                    | "Sankt"
                    | "Porto"
                    | "Puerto"
                    | "Fort"
                    | "Port"
                    | "Mount"
                    | "Lake"
                    | "Cape"
            ) || PLACES.contains(words.join(" ").as_str())
        }
    }
}

static GIVEN_NAMES: LazyLock<HashMap<&'static str, Gender>> = LazyLock::new(|| {
    GIVEN_NAMES_TSV
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (name, g) = l.split_once('\t')?;
            let g = match g.trim() {
                "m" => Gender::Male,
                "f" => Gender::Female,
                _ => Gender::Unknown,
            };
            Some((name, g))
        })
        .collect()
});

/// The gender hint of a given name, if it is a known given name.
pub fn given_name(word: &str) -> Option<Gender> {
    if let Some(g) = GIVEN_NAMES.get(word) {
        return Some(*g);
    }
    // All-capital text: try the title-cased form.
    if word.chars().skip(1).any(char::is_uppercase) && !word.contains('-') {
        let mut t = String::with_capacity(word.len());
        for (i, c) in word.chars().enumerate() {
            if i == 0 {
                t.push(c);
            } else {
                t.extend(c.to_lowercase());
            }
        }
        return GIVEN_NAMES.get(t.as_str()).copied();
    }
    None
}

/// One sovereign state from the country table.
#[derive(Debug)]
pub struct CountryEntry {
    /// ISO 3166-1 alpha-2 code.
    pub code: &'static str,
    /// Canonical English short name.
    pub name: &'static str,
    /// Other names ("U.S.", "Britain").
    pub aliases: Vec<&'static str>,
    /// Adjective/people forms ("Russian").
    pub demonyms: Vec<&'static str>,
    /// Capitals and seats of power ("Moscow", "Kremlin").
    pub capitals: Vec<&'static str>,
}

/// All sovereign states, in table order.
pub static COUNTRIES: LazyLock<Vec<CountryEntry>> = LazyLock::new(|| {
    let list = |s: &'static str| -> Vec<&'static str> {
        s.split(';')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .collect()
    };
    COUNTRIES_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let code = cols.next()?;
            let name = cols.next()?;
            Some(CountryEntry {
                code,
                name,
                aliases: list(cols.next().unwrap_or("")),
                demonyms: list(cols.next().unwrap_or("")),
                capitals: list(cols.next().unwrap_or("")),
            })
        })
        .collect()
});

fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

/// Titles and honorifics that precede a name and are not part of it (compared case-sensitively,
/// capitalised form).
static TITLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("President Vice Prime Minister Ministers Deputy Foreign Secretary Secretary-General General Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sir Dame Lord Lady
    Governor Gov Gov. Senator Sen Sen. Rep Rep. Representative Congressman Congresswoman Judge Justice Chancellor Premier King Queen Prince Princess Pope
    Ambassador Coach Captain Capt Capt. Gen Gen. Col Col. Colonel Lt Lt. Lieutenant Sgt Sgt. Sergeant Admiral Adm. Commander Chief Director Chairman Chairwoman Chair
    CEO Spokesman Spokeswoman Spokesperson Officer Inspector Detective Det. Sheriff Mayor Councillor Councilman Councilwoman Cardinal Bishop Archbishop Rev Rev. Reverend
    Father Rabbi Imam Sheikh Emir Crown Defense Defence Interior Home Finance Economy Health Education Justice Labour Labor Trade Culture Environment Agriculture Transport
    Undersecretary Under-Secretary Attorney Assistant Associate Acting Former Senior Junior Shadow Executive Managing Spokesman Speaker Leader Chief-of-Staff Marshal Field
    Dean Provost Chancellor Rector Doctor Nurse Sister Brother Saint St St. Emperor Empress Sultan Crown Grand Duke Duchess Count Countess Baron Baroness Viscount
    Treasurer Comptroller Auditor Commissioner Superintendent Constable Officer Agent Analyst Editor Reporter Correspondent Columnist Anchor Host Author Novelist
    Actor Actress Singer Rapper Artist Photographer Designer Architect Curator Researcher Scientist Astronaut Pilot Administrator Cosplayer Founder Co-founder President-elect
    Chief Justice Secretary-General Premier Supremo Midfielder Striker Defender Goalkeeper Forward Manager Striker Player Captain Skipper Coach Referee Champion
    Queen Mother MP MEP PM QC KC Sen. Rep. Pres. Premier Attorney-General Solicitor-General Vice-President Deputy-Director Ayatollah Mullah Maj Maj. Major Brig Brig. Brigadier Private Pte Cpl Corporal")
});

/// Whether `w` is a title or honorific word.
pub fn is_title(w: &str) -> bool {
    TITLES.contains(w)
}

/// The titles written with a period ("Mr." "Sen."), without it.
static TITLES_BEFORE_PERIOD: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| TITLES.iter().filter_map(|t| t.strip_suffix('.')).collect());

/// Whether `w` followed by a period is a title ("Mr" of "Mr.", "Sen" of "Sen.").
pub fn is_title_before_period(w: &str) -> bool {
    TITLES_BEFORE_PERIOD.contains(w)
}

/// Words that mark a capitalised run as an organisation, a place, an event or a work, never a person.
static ORG_CUES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("House Ministry Department Agency University Council Party Foundation Endowment Institute Institution Center Centre Museum Church Corporation Company Co Co. Inc Inc. Ltd Ltd. LLC
    Group Bank Union Association Organization Organisation Committee Commission Court Office Times Post News Herald Gazette Journal Press Network Television TV Radio
    Airlines Airways Club League Team School College Academy Hospital Clinic Army Navy Force Forces Police Service Services Authority Administration Bureau Board
    Program Programme Project Festival Expo Award Awards Prize Cup Games Olympics Championship Street Avenue Road Square Park Bridge Station Airport Hall Tower Building
    River Lake Mountain Mountains Island Islands Sea Ocean Bay Gulf Coast Valley Province State States County City District Region Republic Kingdom Empire Alliance Treaty
    Act Accord Summit Conference Congress Parliament Senate Assembly Cabinet Government Embassy Consulate Mission Fund Trust Society Federation Federal Industries
    Studios Studio Records Media Magazine Review Tribune Telegraph Guardian Observer Chronicle Daily Weekly Monthly Broadcasting Broadcast Channel Agency Institute
    Laboratory Laboratories Lab Labs Hotel Restaurant Cafe Theatre Theater Cinema Gallery Library Stadium Arena Mall Market Exchange Index Prison Jail Base Camp
    Peninsula Strait Straits Canal Desert Forest Square Plaza Palace Castle Cathedral Mosque Temple Synagogue Chapel Cemetery Memorial Monument Heights Hills Falls
    Airport Port Harbour Harbor Beach Springs Village Town Township Borough Parish Territory Territories Corps Brigade Battalion Regiment Division Fleet Command
    Movement Front Coalition Caucus Bloc Faction Initiative Campaign Council Network Systems System Technologies Technology Software Motors Energy Oil Gas Petroleum
    Pharmaceuticals Holdings Partners Capital Ventures Foods Airlines Rail Railway Railways Express Mail Post Wire Reuters Twitter Facebook Google Microsoft Apple
    Amazon YouTube Instagram Wikipedia Wikinews Internet Web Day Week Month Year Era Age War Revolution Crisis Scandal Affair Disease Syndrome Virus Prize Medal
    Series Show Film Movie Album Book Novel Song Collection Exhibition Exhibit Legacy Fair Convention Marathon Tournament Open Grand Prix Trophy Stakes Derby Bowl
    Code Charter Constitution Declaration Protocol Convention Plan Report Survey Study Census Atlas Encyclopedia Dictionary Bible Koran Quran Torah
    Secretariat Directorate Inspectorate Tribunal Commission Supreme High Central National International Global World Universal United Royal Imperial Municipality
    Fire Rescue Emergency Red Cross Crescent Scouts Guides Brotherhood Sisterhood Order Lodge Church Diocese Archdiocese Parish Ministries Mission Missions Sect Cult
    Relations Affairs Zone Area Sector Block Estate Quarter Ward Constituency Riding Electorate Functional Geographical Pan-Democratic Democratic Liberal Conservative Socialist Communist Labour Green Greens
    Instituto Istituto Institut Universidad Universidade Università Universität Colegio Liceo Escuela Scuola Hôpital Ospedale")
});

/// Whether `w` marks a run as an organisation, place or work.
pub fn is_org_cue(w: &str) -> bool {
    ORG_CUES.contains(w)
}

/// Organisation cue words that mark a government body (a country word leading such a name counts).
pub fn is_government_cue(w: &str) -> bool {
    matches!(
        w,
        "Department"
            | "Ministry"
            | "Navy"
            | "Army"
            | "Office"
            | "Government"
            | "government"
            | "Embassy"
            | "Senate"
            | "Congress"
            | "Parliament"
            | "Court"
            | "Supreme"
            | "Home"
            | "State"
            | "Air"
            | "Coast"
            | "Interior"
            | "Foreign"
            | "Defense"
            | "Defence"
            | "Police"
            | "Forces"
            | "Military"
            | "National"
            | "Central"
            | "People's"
            | "Marine"
            | "Marines"
            | "Cabinet"
            | "Treasury"
            | "Council"
            | "Agency"
            | "Presidential"
            | "President"
            | "Prime"
            | "Minister"
            | "Secretary"
    )
}

/// Capitalised words that are not names on their own: function words, months, days, directions,
/// and common sentence openers.
static NOT_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("The A An This That These Those It Its In On At By For From With Without Of To As And But Or Nor So Yet If When While Where Why How What Who Whom Whose Which
    After Before During Since Until Although Though Because However Meanwhile Also Then There Here Now Today Yesterday Tomorrow Tonight Last Next First Second Third
    He She They We You I Me Him Her Them Us My Our Your His Their Mine Ours Yours Hers Theirs One Two Three Four Five Six Seven Eight Nine Ten Many Some Most Several
    All Any Each Every Both Either Neither No Not None Nothing Everything Something Anything Such Other Another More Less Few Much Very Just Only Even Still Already
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec North South East West Northern Southern Eastern Western Central New Old Great Greater Upper Lower Little Big
    Mr Mrs Ms Dr Image Photo Photograph Source Sources Related Comments Share Click Read See Watch Listen Update Updated Editor Note Notes Breaking Exclusive
    According Under Over Between Among Against Within Into Onto Upon About Above Below Across Along Around Behind Beyond Despite Except Like Near Off Out Past
    Through Throughout Toward Towards Via Per Yes Please Thank Thanks Hello Well Oh Why Let Lets God Jesus Christ Allah Buddha Muslim Muslims Christian Christians
    Jewish Jews Catholic Catholics Protestant Islamic Islam Buddhist Hindu Sikh Arab Arabs African Africans European Europeans Asian Asians Latin Western Westerners
    Democrat Democrats Republican Republicans Conservative Conservatives Liberal Liberals Labour Tory Tories Socialist Socialists Communist Communists Green Greens
    Cold War World Internet Web Online Police Army Government Parliament Congress Senate Court Navy Military State States City Province Region Sea Ocean River
    Alliance Union Western Allied Allies Baltic Black Red White Blue Yellow Pink Silver Golden Gold Sunni Shia Shiite Kurdish Kurds Taliban Hamas Hezbollah Kong Macau File Files Prize-winner")
});

/// Whether the capitalised word is a common word that is never a name on its own.
pub fn is_not_name(w: &str) -> bool {
    NOT_NAMES.contains(w)
}

/// Family names written first in East Asian order ("Moon Jae-in", "Xi Jinping", "Leung Kwok-hung").
static FAMILY_FIRST: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("Kim Lee Park Moon Choi Jung Kang Cho Yoon Jang Lim Shin Oh Seo Kwon Hwang Ahn Song Yoo Hong Jeon Ko Son Bae Baek Heo Nam Roh Chun
    Xi Li Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Liang Tang Deng Feng Han Cao Peng Xie Wen Jiang Mao Bo Yu Qin Dong Ye Pan Du Dai Xia Zhong Tian Ren Fan Fang Shi Yao Tan Lu Wei Jin Kong
    Leung Wong Chan Lau Cheung Ho To Or Ng Tsang Yip Tam Lai Kwok Fung Tse Chow Lam Yeung Mak Tsai Lo Chu Siu Yuen Choy Chiu Chui Kwan Law Au Poon Sin Tong Ip
    Nguyen Tran Le Pham Hoang Phan Vu Vo Dang Bui Do Ngo Duong Ly")
});

/// Whether `w` is a family name usually written before the given name.
pub fn is_family_first(w: &str) -> bool {
    FAMILY_FIRST.contains(w)
}

/// Particles inside names ("Ursula von der Leyen", "Charles de Gaulle").
pub fn is_name_particle(w: &str) -> bool {
    matches!(
        w,
        "von"
            | "van"
            | "der"
            | "den"
            | "de"
            | "da"
            | "di"
            | "du"
            | "del"
            | "della"
            | "dos"
            | "das"
            | "le"
            | "la"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "ben"
            | "ter"
            | "zu"
            | "y"
            | "af"
            | "bint"
            | "abu"
            | "Abu"
            | "Bin"
            | "bte"
    )
}

/// The gender a title or role word implies ("mrs", "king", "spokeswoman"), lower-case.
pub fn title_gender(t: &str) -> Option<Gender> {
    match t {
        "mrs" | "mrs." | "ms" | "ms." | "miss" | "queen" | "princess" | "lady" | "dame"
        | "spokeswoman" | "chairwoman" => Some(Gender::Female),
        "mr" | "mr." | "king" | "prince" | "sir" | "lord" | "spokesman" | "chairman" => {
            Some(Gender::Male)
        }
        _ => None,
    }
}

/// Name suffixes kept in the span ("Martin Luther King Jr.").
pub fn is_name_suffix(w: &str) -> bool {
    matches!(w, "Jr" | "Jr." | "Sr" | "Sr." | "II" | "III" | "IV")
}

static SPEECH_VERBS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let regular = "add warn insist urge argue tweet state claim explain note comment announce declare assert acknowledge
        reply respond answer ask suggest stress emphasize emphasise reiterate repeat conclude continue describe call quote cite report confirm
        deny predict promise vow pledge threaten complain lament concede contend maintain observe recall remark reveal shout testify joke muse
        wonder mention tell say write speak post blog exclaim retort counter caution allege affirm agree disagree advise boast recount recommend
        estimate forecast grumble insinuate interject mutter murmur object opine plead point proclaim protest question rebut remind reason
        rejoin scoff snap sneer sob stammer stutter suppose surmise theorize theorise underline highlight whisper yell demand urge admit criticise
        criticize praise welcome condemn dismiss accuse blame charge acknowledge disclose inform clarify elaborate specify signal indicate
        intone chime concur announce broadcast relate summarise summarize characterise characterize brand label dub term hail slam blast";
    let mut out = HashSet::default();
    for base in regular.split_whitespace() {
        out.insert(base.to_string());
        let (s, ed, ing) = inflect(base);
        out.insert(s);
        out.insert(ed);
        out.insert(ing);
    }
    for w in "said told wrote written spoke spoken says tells writes speaks saying telling writing speaking admitted admitting
        read reads reading quoted replied replies denied denies testified testifies cried cries objected regretted"
        .split_whitespace()
    {
        out.insert(w.to_string());
    }
    for w in [
        "sayed", "sayes", "telled", "speaked", "writed", "readed", "tweetted",
    ] {
        out.remove(w);
    }
    out
});

fn inflect(base: &str) -> (String, String, String) {
    let stem_y = base
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']));
    let s = if let Some(st) = stem_y {
        format!("{st}ies")
    } else if base.ends_with(['s', 'x', 'z']) || base.ends_with("sh") || base.ends_with("ch") {
        format!("{base}es")
    } else {
        format!("{base}s")
    };
    let ed = if let Some(st) = stem_y {
        format!("{st}ied")
    } else if base.ends_with('e') {
        format!("{base}d")
    } else if matches!(
        base,
        "admit" | "snap" | "object" | "regret" | "rebut" | "blog" | "plan"
    ) {
        let last = base.chars().last().unwrap_or('t');
        if base == "object" {
            "objected".to_string()
        } else {
            format!("{base}{last}ed")
        }
    } else {
        format!("{base}ed")
    };
    let ing = if base.ends_with('e') && !base.ends_with("ee") {
        format!("{}ing", &base[..base.len() - 1])
    } else if matches!(base, "admit" | "snap" | "regret" | "rebut" | "blog") {
        let last = base.chars().last().unwrap_or('t');
        format!("{base}{last}ing")
    } else {
        format!("{base}ing")
    };
    (s, ed, ing)
}

/// Whether `w` (lower-case) is a form of a speech or reporting verb.
pub fn is_speech_verb(w: &str) -> bool {
    SPEECH_VERBS.contains(w)
}

/// Verbs that only report speech when followed by a complement clause or a quote (too common
/// otherwise); used for indirect speech detection only with "that".
pub fn is_weak_speech_verb(w: &str) -> bool {
    matches!(
        w,
        "call"
            | "calls"
            | "called"
            | "calling"
            | "continue"
            | "continues"
            | "continued"
            | "continuing"
            | "read"
            | "reads"
            | "reading"
            | "point"
            | "points"
            | "pointed"
            | "question"
            | "questioned"
            | "charge"
            | "charged"
            | "post"
            | "posted"
            | "report"
            | "reported"
            | "ask"
            | "asked"
            | "welcome"
            | "welcomed"
            | "signal"
            | "signaled"
            | "signalled"
            | "relate"
            | "related"
            | "label"
            | "labelled"
            | "labeled"
            | "brand"
            | "branded"
            | "term"
            | "termed"
            | "dub"
            | "dubbed"
            | "hail"
            | "hailed"
            | "slam"
            | "slammed"
            | "blast"
            | "blasted"
            | "praise"
            | "praised"
            | "condemn"
            | "condemned"
            | "dismiss"
            | "dismissed"
            | "accuse"
            | "accused"
            | "blame"
            | "blamed"
            | "highlight"
            | "highlighted"
            | "broadcast"
            | "indicate"
            | "indicated"
            | "speak"
            | "speaks"
            | "spoke"
            | "spoken"
            | "speaking"
    )
}

/// Words that make "the X" a description of a source of words ("the statement", "the report").
pub fn is_document_noun(w: &str) -> bool {
    matches!(
        w,
        "statement"
            | "statements"
            | "report"
            | "letter"
            | "post"
            | "blog"
            | "article"
            | "study"
            | "release"
            | "communique"
            | "communiqué"
            | "announcement"
            | "message"
            | "notice"
            | "memo"
            | "document"
            | "website"
            | "account"
            | "tweet"
            | "analysis"
            | "editorial"
            | "readout"
            | "transcript"
            | "summary"
            | "filing"
            | "paper"
            | "survey"
            | "ruling"
            | "verdict"
            | "decision"
            | "order"
            | "declaration"
            | "questionnaire"
    )
}

/// Lower-case words that name a role a person can be referred to by ("the minister said").
pub fn is_role_noun(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "minister"
            | "secretary"
            | "senator"
            | "governor"
            | "mayor"
            | "ambassador"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "chancellor"
            | "premier"
            | "coach"
            | "manager"
            | "director"
            | "chairman"
            | "chairwoman"
            | "chief"
            | "leader"
            | "professor"
            | "doctor"
            | "prosecutor"
            | "judge"
            | "officer"
            | "detective"
            | "sheriff"
            | "king"
            | "queen"
            | "prince"
            | "general"
            | "commander"
            | "curator"
            | "researcher"
            | "scientist"
            | "author"
            | "editor"
            | "analyst"
            | "lawyer"
            | "attorney"
            | "captain"
            | "administrator"
            | "undersecretary"
            | "diplomat"
            | "official"
            | "campaigner"
            | "barrister"
            | "teacher"
            | "instructor"
            | "student"
            | "owner"
            | "founder"
            | "executive"
            | "ceo"
            | "chef"
            | "pope"
            | "emir"
    )
}

/// Adverbs and auxiliaries that may stand between a subject and its speech verb
/// ("Blinken also said", "he had previously told").
pub fn is_verb_filler(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "later"
            | "then"
            | "has"
            | "had"
            | "have"
            | "was"
            | "is"
            | "were"
            | "are"
            | "further"
            | "previously"
            | "once"
            | "again"
            | "recently"
            | "would"
            | "will"
            | "reportedly"
            | "publicly"
            | "repeatedly"
            | "quickly"
            | "simply"
            | "finally"
            | "earlier"
            | "already"
            | "just"
            | "openly"
            | "angrily"
            | "flatly"
            | "bluntly"
            | "frankly"
            | "not"
            | "did"
            | "does"
            | "do"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_before_a_period() {
        for (w, expect) in [
            ("Mr", true),
            ("Sen", true),
            ("St", true),
            ("Mr.", false),
            ("President", false),
            ("Smith", false),
        ] {
            assert_eq!(is_title_before_period(w), expect, "{w}");
        }
    }
}
