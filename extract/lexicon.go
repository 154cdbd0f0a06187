package extract

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
)

// set builds a lookup set from space-separated words, and records the
// list so that TestLexicons can check it (no word listed twice).
func set(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	_, file, line, _ := runtime.Caller(1)
	lexiconLists = append(lexiconLists, lexiconList{where: fmt.Sprintf("%s:%d", filepath.Base(file), line), words: words})
	return m
}

// lexiconList is one word list as written, and where.
type lexiconList struct {
	where string
	words string
}

// lexiconLists are every list built by set, for the lexicon checks.
var lexiconLists []lexiconList

// cueVerbs are the verbs of saying, in the forms that attribute speech. The
// -ing forms are left out: "speaking at an event" introduces no quote.
var cueVerbs = set(`
said says say told tells added adds continued continues confirmed confirms
denied denies insisted insists wrote writes asked asks accused accuses
described describes reported reports claimed claims argued argues stated states
explained explains warned warns noted notes announced announces acknowledged
acknowledges admitted admits declared declares replied replies responded responds
tweeted tweets posted posts recalled recalls suggested suggests urged urges
predicted predicts promised promises vowed vows pledged pledges countered counters
conceded concedes complained complains charged charges alleged alleges
revealed reveals disclosed discloses emphasized emphasizes emphasised stressed stresses
maintained maintains observed observes remarked remarks testified testifies
reiterated reiterates repeated repeats shouted shouts yelled joked jokes quipped quips
boasted boasts mused muses wondered wonders cautioned cautions contended contends
asserted asserts affirmed affirms proclaimed proclaims
reacted reacts recounted recounts summed
criticized criticizes criticised slammed slams blasted blasts
lamented laments questioned questions demanded demands
concluded concludes chanted chants sang sings commented comments reads
answered answers conclude argue write warn note insist claim add explain caution
contend predict allege maintain acknowledge admit deny confirm tell ask reply
respond recall stress emphasize complain counter assert declare
threatened threatens accepted accepts accept speculated speculates speculate
`)

// speechVerbsWithClause are the cues whose complement can be a reported
// clause: "X said (that) ...". Others (accused, described, slammed) take an
// object, and only the quoted fragments in their scope are quotes.
var speechVerbsWithClause = set(`
pointed points point
said says say told tells added adds continued continues confirmed confirms
denied denies insisted insists wrote writes reported reports claimed claims
argued argues stated states explained explains warned warns noted notes
announced announces acknowledged acknowledges admitted admits declared declares
replied replies responded responds tweeted tweets posted posts recalled recalls
suggested suggests predicted predicts promised promises vowed vows pledged pledges
countered counters conceded concedes complained complains charged charges
alleged alleges revealed reveals disclosed discloses emphasized emphasizes emphasised
stressed stresses maintained maintains observed observes remarked remarks
testified testifies reiterated reiterates repeated repeats cautioned cautions
contended contends asserted asserts affirmed affirms proclaimed proclaims
recounted recounts accepted accepts accept speculated speculates speculate
conclude argue write warn note insist claim add explain caution contend predict
allege maintain acknowledge admit deny confirm recall stress emphasize assert declare
`)

// tellVerbs take an indirect object before the reported clause: "told
// reporters (that) ...".
var tellVerbs = set(`told tells warned warns assured assures informed informs reminded reminds`)

// addressees are the lower-case words a verb of telling takes as the one
// told, before what is said: "told investigators he had tried".
var addressees = set(`him her them me us you reporters journalists supporters investigators lawmakers legislators
	officials prosecutors police agents senators congressmen delegates voters viewers listeners readers audiences
	crowds students workers staff employees shareholders investors analysts colleagues aides allies members
	parliament congress jurors detectives regulators judges`)

// nameSuffixes are the generational suffixes that end a person's name:
// "Donald Trump Jr.".
var nameSuffixes = set(`jr sr ii iii iv`)

// contentNouns name a thing said, whose content a that-clause gives:
// "denied claims that he faked the crash".
var contentNouns = set(`claim claims allegation allegations accusation accusations report reports suggestion
	suggestions rumour rumours rumor rumors charge charges assertion assertions speculation`)

// contentCues are the cues that take a noun of contentNouns as their
// object and so judge its content: "denied reports that …", "confirmed
// reports that …". "Said reports that …" does not: there the reports are
// the subject of what was said.
var contentCues = set(`denied denies deny confirmed confirms confirm`)

// pronouns maps subject pronouns to a gender: m, f, or "" for any.
var pronouns = map[string]string{
	"he": "m", "she": "f", "they": "", "it": "o", "i": "", "we": "",
	"He": "m", "She": "f", "They": "", "It": "o", "I": "", "We": "",
}

// skipBetween are words that may stand between a subject and its cue verb
// ("Trump also said", "she has said", "Sheinbaum on Saturday said").
var skipBetween = set(`
both all each already also again later previously then recently in turn often usually always sometimes frequently repeatedly reportedly publicly privately
earlier once has have had would will subsequently separately further
first initially finally quickly immediately simply flatly bluntly openly angrily
explicitly directly clearly specifically herself himself themselves itself
on monday tuesday wednesday thursday friday saturday sunday yesterday today tonight
last this week month year night morning afternoon evening
`)

// days are the weekdays, which follow a cue as its time ("said Saturday").
var timeWords = set(`
monday tuesday wednesday thursday friday saturday sunday yesterday today tonight
on last this week weekend month year night morning afternoon evening earlier later
recently previously again also
`)

// determiners open a descriptive noun phrase ("the president", "a spokesman").
var determiners = set(`the a an his her its their our this that these those some many several two three four five one`)

// titleWords are titles and roles that precede a name ("President Claudia
// Sheinbaum") or make up a description ("the president").
var titleWords = set(`
president vice prime minister pm premier chancellor secretary senator sen sen. rep rep.
representative congressman congresswoman governor gov gov. mayor judge justice
general gen gen. admiral colonel col col. major captain lieutenant sergeant sgt
dr dr. mr mr. mrs mrs. ms ms. miss sir dame lord lady king queen prince princess
pope cardinal bishop archbishop rabbi imam reverend rev rev. father sister
ceo chairman chairwoman chair director chief commissioner ambassador spokesman counsel
spokeswoman spokesperson attorney prosecutor sheriff officer detective inspector
professor prof prof. coach candidate nominee leader speaker treasurer
superintendent president-elect envoy minister. economist analyst
deputy assistant acting former first foreign defense defence interior finance
health state attorney-general adviser advisor aide founder executive editor
commander councillor councilman councilwoman mp mep lawmaker legislator delegate
`)

// honorifics with a fixed gender.
var honorificGender = map[string]string{
	"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
	"sir": "m", "dame": "f", "lord": "m", "lady": "f", "king": "m", "queen": "f",
	"prince": "m", "princess": "f", "congressman": "m", "congresswoman": "f",
	"spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f",
	"father": "m", "sister": "f", "councilman": "m", "councilwoman": "f",
}

// orgHeads mark a capitalized name as an organization ("The Wall Street
// Journal", "the White House", "Defense Department").
var orgHeads = set(`
journal times post news herald tribune gazette telegraph guardian observer
standard ledger courier chronicle inquirer examiner bulletin dispatch monitor globe
daily weekly magazine review reuters press agency network channel radio tv
television broadcasting corporation bbc cnn house department ministry office
administration government party committee commission council court
congress senate parliament assembly union association federation institute
university college school hospital bank fund company corp corp. inc inc. ltd
group foundation organization organisation campaign army navy police military
pentagon kremlin cartel cartels board bureau service services authority
coalition alliance league club team federal reserve fed convention conference
`)

// pubHeads mark an organization as a publication, the antecedent of "the
// newspaper" and "the report".
var pubHeads = set(`journal times post news herald tribune gazette telegraph guardian observer daily weekly magazine review reuters press agency network channel radio tv television bbc cnn standard ledger courier chronicle inquirer mail star sun express examiner register bulletin record dispatch monitor independent economist insider wire globe`)

// pubNouns are descriptions that refer to a publication or its report.
var pubNouns = set(`newspaper paper daily tabloid weekly website outlet publication report article magazine journal network broadcaster agency story`)

// titleContext are words that, just before a quoted passage, mark it as the
// title of a work or a name rather than speech.
var titleContext = set(`
headline headlined titled entitled title called dubbed named nicknamed
book novel film movie song album show series program programme documentary
article op-ed oped editorial column essay report study paper poem play
slogan motto hashtag phrase term word label banner caption
so-called known
`)

// anonContext are words that, just before a quoted passage, mark it as a
// description of sources rather than speech ("citing “people familiar”").
var anonContext = set(`citing cited cites quoting`)

// clauseBreakers end a reported clause when they follow ", and" or ", but":
// a second predicate of the reporting subject ("..., and accused ...").
var clauseBreakers = set(`
didn't did didnt doesn't does has have had was were is are will would also then later
added noted accused said says told confirmed denied insisted warned argued called
declined refused rejected urged asked described went made took gave
`)

// nonSubject are lowercase words that cannot end a subject noun phrase.
var nonSubject = set(`
to who which that what whom whose when where why how if whether and or but nor
not never no as than be been being is are was were do does did can could should
may might must shall of in on at by for with from into about after before over
under it's also so just only even still yet very more most less least
`)

// maleNames and femaleNames are common first names, the prior for a
// person's gender when the article's own pronouns do not tell it. A name
// given to both (Jean, Kim) is in neither; TestLexicons checks that no
// name is listed twice.
var maleNames = set(`
James John Robert Michael William David Richard Joseph Thomas Charles Christopher
Daniel Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian
George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan
Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick
Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter
Kyle Ethan Walter Noah Jeremy Christian Keith Roger Terry Gerald Harold Sean Austin
Carl Arthur Lawrence Dylan Jesse Jordan Bryan Billy Joe Bruce Gabriel Logan Albert
Willie Alan Juan Wayne Elijah Randy Roy Vincent Ralph Eugene Russell Bobby Mason
Philip Louis Barack Bernie Bill Mike Ted Marco Chris Jeb Rand Ben Newt Mitch Chuck
Rudy Rudolph Vladimir Xi Emmanuel Boris Narendra Recep Bibi Jair
Andres Andrés Luis Carlos Jorge Miguel Pedro Manuel Javier Francisco Antonio Alejandro
Marcelo Ricardo Enrique Felipe Vicente Lopez Olaf Friedrich Keir Rishi Tony Gordon
Nigel Jim Tom Tim Dan Dave Steve Rob Bob Ron Jon Nick Matt Pat Sam Kim Lee
Elon Jeff Warren Hunter Beau Jared Reince Rex Corey
Dick Karl Al Lindsey Harry Devin Trey
Abdul Mohammed Muhammad Ahmed Ali Omar Hassan Hussein Ibrahim Yusuf Mahmoud Bashar
Hamid Ashraf Imran Nawaz Shinzo Fumio Yoshihide Moon Kishida Sergei Dmitry Alexei
Volodymyr Petro Viktor Andrzej Mateusz Mauricio Gustavo Lula
Marc Pierre Francois François Nicolas Jacques Giuseppe Matteo Mario Silvio
Angelo Hans Klaus Jens Lars Sven Anders Mohamed Cyril Thabo Nelson Uhuru
Abiy Bola Muhammadu Goodluck Yoweri Ilham Nikol Aleksandar Milos Edi
`)

var femaleNames = set(`
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa
Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda
Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Shirley Angela
Helen Anna Brenda Pamela Nicole Emma Samantha Katherine Christine Debra Rachel
Catherine Carolyn Janet Ruth Maria Heather Diane Virginia Julie Joyce Victoria
Olivia Kelly Christina Lauren Joan Evelyn Judith Megan Cheryl Andrea Hannah Martha
Jacqueline Frances Gloria Ann Teresa Kathryn Sara Janice Jean Alice Madison Doris
Abigail Julia Judy Grace Denise Amber Marilyn Beverly Danielle Theresa Sophia Marie
Diana Brittany Natalie Isabella Charlotte Rose Alexis Kayla Hillary Kamala
Melania Ivanka Nikki Carly Kellyanne Huma Hope Chelsea Tulsi
Kirsten Dianne Maxine Ilhan Alexandria Marsha Claudia
Ursula Giorgia Jacinda Sanna Mette Kaja Annalena Marine Segolene Ségolène
Dilma Cristina Xiomara Dina Gabriela Lucia Lucía Ana Beatriz Isabel Sofia
Sofía Valentina Camila Fernanda Paula Carmen Rosa Dolores Guadalupe Veronica
Verónica Adriana Alejandra Mariana Daniela Carolina Natalia Yulia Svetlana
Olga Tatiana Irina Elena Nadia Priya Indira Sonia Benazir Aung Tsai Yingluck
Park Meghan Kate Camilla Liz Betsy Kristi Gretchen Letitia Stacey
Condoleezza Madeleine Loretta Sally Jill Sheryl
Oprah Taylor Beyonce Beyoncé Serena Greta Malala Golda
`)

// firstNames maps the first names above to a gender; a name's gender lets
// "he" and "she" find it.
var firstNames = func() map[string]string {
	m := map[string]string{}
	for n := range maleNames {
		m[n] = "m"
	}
	for n := range femaleNames {
		m[n] = "f"
	}
	return m
}()

// nationalities map adjectives and short forms to the country they name;
// they make up roles ("Mexican President") and sides.
var nationalities = set(`
U.S. US American United States Mexican Mexico Canadian Canada British U.K. UK
Britain Chinese China Russian Russia French France German Germany Japanese Japan
Indian India Brazilian Brazil Israeli Israel Palestinian Iranian Iran Iraqi Iraq
Syrian Syria Turkish Turkey Ukrainian Ukraine Italian Italy Spanish Spain
Australian Australia European EU Saudi Egyptian Korean North South Venezuelan
Cuban Colombian Argentine Chilean Peruvian Nigerian Kenyan Pakistani Afghan
Democratic Republican Democrat GOP White House State Defense Foreign Finance
Texas California Florida New York
`)

// sayVerbs report speech with or without "that" ("she said the plan
// failed"); the other clause-taking cues need "that" before a reported
// clause, since they also take plain objects ("recalls the night").
var sayVerbs = set(`
said says say told tells added adds wrote writes reported reports stated states
claimed claims insisted insists argued argues warned warns explained explains
noted notes continued continues posted posts tweeted tweets replied replies
responded responds predicted predicts
`)

// objectVerbs are cues whose complement is an object and what is said of
// it: "called the charges fabricated", "accused Trump of lying".
var objectVerbs = set(`
called calls described describes accused accuses criticized criticizes criticised
slammed slams blasted blasts praised praises urged urges announced announces
acknowledged acknowledges condemned condemns labeled labelled dubbed branded
characterized characterised denounced denounces mocked mocks ridiculed hailed
questioned demanded demands
`)

// prepositions and conjunctions that cannot open a reported clause or an
// object: "said in a statement", "said of the plan", "said after the vote".
var prepositions = set(`
in on at of to for with about during after before while when as if by from
into over under since until than so because although though whether where
without within through via against among despite
`)

// participleCues are the -ing forms of cues that report the speech of the
// sentence's subject: "Trump attacked Clinton, saying …".
var participleCues = map[string]string{
	"saying": "said", "adding": "added", "arguing": "argued", "noting": "noted",
	"telling": "told", "warning": "warned", "insisting": "insisted", "claiming": "claimed",
	"explaining": "explained", "asking": "asked", "urging": "urged", "accusing": "accused",
	"calling": "called", "describing": "described", "writing": "wrote", "declaring": "declared",
	"suggesting": "suggested", "stressing": "stressed", "promising": "promised", "vowing": "vowed",
	"tweeting": "tweeted", "posting": "posted", "replying": "replied", "responding": "responded",
	"remarking": "remarked", "quipping": "quipped", "answering": "answered", "announcing": "announced",
	"recalling": "recalled", "joking": "joked", "asserting": "asserted", "conceding": "conceded",
	"countering": "countered", "concluding": "concluded",
}

func init() {
	// Verbs that take an object are cues too: "Trump called the senator …".
	for w := range objectVerbs {
		cueVerbs[w] = true
	}
}

// infinitiveCues report a commitment or a request: "vowed to form …",
// "urged Congress to act".
var infinitiveCues = set(`
vowed vows pledged pledges promised promises threatened threatens urged urges
asked asks called calls demanded demands offered offers agreed agrees
`)

// adjunctStarts open the time or place of a statement after its content:
// "… as a “disgrace” during a radio interview".
var adjunctStarts = set(`during at in on after before while`)

// beliefVerbs report what a source believes, found or expects rather than
// said: their clauses are beliefs, not quotes ("polls show …").
var beliefVerbs = set(`
think thinks thought believe believes believed know knows knew fear fears feared
hope hopes hoped expect expects expected feel feels felt show shows showed
found finds find estimate estimates estimated worry worries worried doubt doubts
doubted suspect suspects suspected assume assumes assumed indicate indicates
indicated understand understands understood recognize recognizes recognized
agree agrees argue contend
`)

// beliefNeedsThat are the verbs of belief that take a clause only with
// "that": "police found that …", not "police found a gun".
var beliefNeedsThat = set(`found finds find know knows knew understand understands understood recognize recognizes recognized agree agrees`)

// intentVerbs report an intention, a plan or a refusal, whose content is
// the infinitive after them: "Trump wants to build a wall". They give
// beliefs, not quotes.
// nounCues are cue words that are as often nouns: "the current plan to",
// "in a series of early-morning posts", "the latest reports". They are
// cues only after a subject that can speak (see subjectCanSpeak).
var nounCues = set(`
plan plans report reports post posts claim claims call calls promise promises
vow vows pledge pledges note notes charge charges reply replies tweet tweets
estimate estimates demand demands comment comments hope hopes fear fears
doubt doubts remark remarks joke jokes quip quips question questions
counter counters answer answers find finds show shows aim aims back backs
`)

var intentVerbs = set(`
want wants wanted plan plans planned intend intends intended agree agrees agreed
decline declines declined refuse refuses refused seek seeks sought hope hopes hoped
expect expects expected aim aims aimed prefer prefers preferred
`)

func init() {
	for w := range intentVerbs {
		if !beliefVerbs[w] {
			beliefVerbs[w] = true
			beliefNeedsThat[w] = true
		}
	}
}

// orgNouns describe an organization: "the company said".
var orgNouns = set(`company firm giant chain group panel authority government administration ministry department council court committee bank network campaign agency organization organisation union hospital university school district utility airline carrier retailer manufacturer insurer startup business corporation`)

// pubIntro are the words that introduce a publication by name: "Spanish
// daily ABC", "the technology news website TechCrunch".
var pubIntro = set(`daily newspaper paper tabloid weekly magazine website site broadcaster network channel outlet agency blog`)

// jobNouns are jobs and standings that open a sentence before a name,
// capitalized only because they come first: "Grower Tobias Rennick said".
var jobNouns = set(`
grower farmer rancher teacher lawyer attorney economist analyst historian professor
researcher scientist activist organizer director manager owner founder resident
student voter nurse doctor physician officer deputy spokesman spokeswoman
spokesperson consultant strategist pollster candidate councilman councilwoman
mayor landlord tenant worker driver pastor priest rabbi imam veteran coach
player fan protester volunteer commissioner chairman chairwoman executive
journalist reporter correspondent columnist editor writer author detective
inspector constable superintendent boss singer actor actress star broadcaster
presenter chef designer engineer architect banker trader investor
filmmaker film-maker producer director-general staffer employee adviser advisor
intern contractor anchor commentator moderator
`)

// partyWords qualify a name by its party: "Democrat Shelly Simonds",
// "Tory MP", "Labour's Alan Milburn".
// commonAcronyms are everyday acronyms that a person's initials can meet
// by chance: "US" is no shortening of Ulrich Schulte.
var commonAcronyms = set(`us uk eu un cd tv pc dj mp pm ok uae fbi cia bbc`)

var partyWords = set(`democrat democratic republican gop tory conservative labour liberal libdem independent socialist green`)

// plainObjectVerbs often take a plain object that nobody said anything
// of ("Police called the fire department", "Apple announced a new
// phone"); they report speech only with a quote or an "as/of/for/to"
// complement.
var plainObjectVerbs = set(`called calls announced announces praised praises hailed welcomed`)

// stanceVerbs report where a source stands on something — "Trump supports
// the wall", "the union endorsed Clinton" — a belief whose content is the
// verb's object.
var stanceVerbs = set(`
support supports supported oppose opposes opposed back backs backed endorse
endorses endorsed defend defends defended blame blames blamed reject rejects
rejected dismiss dismisses dismissed favor favors favored cite cites cited
`)

func init() {
	for w := range stanceVerbs {
		beliefVerbs[w] = true
		beliefNeedsThat[w] = true
	}
}

// personNouns are descriptions of people that are neither titles nor jobs:
// "the heavy metal star", "the United boss", "the striker".
var personNouns = set(`
star singer boss striker midfielder defender goalkeeper winger captain champion
athlete sprinter veteran legend actor actress musician rapper comedian billionaire
tycoon businessman businesswoman entrepreneur mogul politician lawmaker campaigner
man woman men women children father mother son daughter husband wife widow couple
head people person family families respondent victim
`)

// docNouns are the documents and studies a quote may be attributed to:
// "a survey found", "the statement said".
var docNouns = set(`survey study poll report statement letter filing filings papers document documents complaint lawsuit indictment ruling memo memorandum email figures data research analysis regulations rules guidance headline editorial release estimates surveys polls studies reports`)

// sourceNouns are plural descriptions of sources that open sentences in
// capitals ("Analysts said"): never a name.
var sourceNouns = set(`
analysts officials experts critics sources economists observers investigators
prosecutors police residents witnesses doctors scientists researchers lawyers
authorities diplomats activists campaigners supporters opponents executives
aides allies members leaders voters official source insider observer
expert critic advocate proponent lobbyist supporter opponent plaintiff defendant
witness investor customer user member aide ally
`)

// finiteVerbs are auxiliaries and common finite verbs that show a clause
// has its verb: "talking was the only answer".
var finiteVerbs = set(`
is are was were will would could should can may might must shall has have had
does did do cannot won't wouldn't couldn't isn't wasn't aren't weren't hasn't
`)

// openingParticiples open a sentence as a participle, never as the
// speaker: "Having said that, …", "Speaking of which, …".
var openingParticiples = set(`having being speaking talking writing reading judging generally frankly`)

// genericOrgHeads are the organization heads that are also common nouns:
// alone, "the Department" or "The Committee said" describes a body named
// elsewhere, it is no name. The one body of a country ("the Senate", "the
// Government", "Parliament", "the Army") is left out: capitalized alone,
// it names that body.
var genericOrgHeads = set(`
department ministry office committee commission council court agency
administration party union association institute university college school
hospital bank fund company group foundation organization organisation campaign
board bureau service services authority coalition alliance league club team
`)
