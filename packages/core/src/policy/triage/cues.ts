// What changes how a risk phrase is read: a negation before it, a past or a film it sits in,
// a time that makes it now, a child it concerns, and the idioms that only sound like danger.
// Patterns are in normalized spelling (normalize.ts); a space in them also matches no space.

/** Words that deny what follows them, in the five languages. */
export const NEGATIONS = new Set([
  // it
  'non',
  'mai',
  'nessuno',
  'niente',
  'nemmeno',
  'neanche',
  'neppure',
  'senza',
  // en
  'not',
  'never',
  'no',
  'nobody',
  'nothing',
  'don',
  'didn',
  'won',
  'wouldn',
  'isn',
  'aren',
  'wasn',
  'haven',
  'hasn',
  // es
  'nunca',
  'jamas',
  'nada',
  // fr
  'ne',
  'n',
  'pas',
  'jamais',
  'rien',
  // ro
  'nu',
  'niciodata',
  'nicio',
])

/**
 * The words a negation reaches over to the phrase: "mai pensato di farmi del male", "I have never
 * really thought about suicide". Any other word ends its reach, so "non mangio da giorni, voglio
 * morire" is not a denial of wanting to die.
 */
export const NEGATION_SCOPE = new Set(
  `ho hai ha abbiamo hanno sono sei e stato stata mai piu voglio vorrei volevo voglia penso pensato pensata
  pensando pensare creduto intenzione idea avuto di a al alla allo ai alle del della che mi ti si ci lo la ne
  un una uno il gli le seriamente davvero proprio assolutamente affatto per nessuna nessun ancora fatto fatta mica
  i ve d have has had ever do does did t want wanted to going gonna would will am m is re be been
  thinking thought think about of plan planning intend really seriously actually myself like that
  he quiero queria pienso pensado en de me te se voy yo
  je j ai veux pense au vais
  am vreau sa ma m gandit gandesc la`
    .split(/\s+/)
    .filter(Boolean),
)

/** "years ago", "in passato": a risk told as past history is medium, not more. */
export const PAST =
  /\b(?:anni fa|mesi fa|tempo fa|in passato|da (?:ragazz|piccol|adolescente)|quando ero (?:piccol|ragazz|giovane|adolescente)|da giovane|years ago|months ago|in the past|used to|when i was (?:younger|a teen|a kid|little)|back then|hace (?:anos|meses|tiempo)|en el pasado|cuando era (?:joven|pequen|nin)|il y a (?:des annees|des mois|longtemps|[0-9]+ ans)|dans le passe|quand j etais (?:jeune|petit|ado)|acum (?:cativa|[0-9]+) ani|in trecut|cand eram (?:mic|tanar|copil))/

/** A film, a school paper, the news: a word about suicide there is a topic, not a person at risk. */
export const MEDIA =
  /\b(?:film|serie|libro|romanzo|articolo|notizia|telegiornale|tg|canzone|ricerca|tesina|compito|esame|documentario|lezione|school project|essay|homework|movie|show|book|article|news|song|research|documentary|lecture|pelicula|libro|noticia|cancion|trabajo escolar|deberes|livre|chanson|devoir|expose|filmul|cartea|stire|tema|proiect)(?![a-z])/

/** Now, tonight, tomorrow: a wish or a plan that has a time is imminent. */
export const NOW =
  /\b(?:stasera|stanotte|questa (?:sera|notte)|stanotte|adesso|ora|subito|in questo momento|proprio ora|fra poco|tra poco|tra un ora|fra un ora|a breve|prima di domattina|domani|domattina|oggi stesso|tonight|right now|now|in a (?:few|couple) (?:minutes|hours)|tomorrow|this evening|esta noche|ahora(?: mismo)?|manana|ce soir|cette nuit|maintenant|tout de suite|demain|in seara asta|diseara|la noapte|acum|maine)(?![a-z])/

/** A child: an age under 18, school, a little one. With any other risk, a minor is at risk. */
export const CHILD =
  /\b(?:ho (?:[5-9]|1[0-7]) anni|(?:[5-9]|1[0-7]) ?(?:anni|yo|y o|years old|year old|ans|anos|ani)(?![a-z])|i m (?:[5-9]|1[0-7])(?![0-9])|i am (?:[5-9]|1[0-7])(?![0-9])|(?:tengo|tiene) (?:[5-9]|1[0-7])|j ai (?:[5-9]|1[0-7])|am (?:[5-9]|1[0-7]) ani|alle medie|alle elementari|(?:prima|seconda|terza) media|in (?:prima|seconda|terza|quarta|quinta) (?:superiore|liceo|elementare)|al liceo|a scuola|la (?:mia )?prof|il (?:mio )?prof|la maestra|il maestro|l allenatore|il mio allenatore|minorenne|bambin[oaie]|bimb[oaie]|figli[oa]? piccol|(?:mio|mia|il|la) (?:fratellino|sorellina)|neonat[oa]|middle school|high school|(?:[6-9]|1[0-2])th grade|at school|my teacher|my coach|underage|minor(?![a-z])|(?:my|the) (?:little )?(?:kids|kid|child|children|baby)|little (?:brother|sister)|nin[oa]s?(?![a-z])|colegio|enfants?(?![a-z])|college|copil|copii|copilul|la scoala)/

/**
 * Idioms taken out before the rules run: they say "die" or "kill" and mean work, hunger,
 * laughter, love, a haircut or the end of a relationship.
 */
export const IDIOMS: string[] = [
  // it
  '(?:mi (?:sto )?ammazz\\w*|ammazzarmi|mi (?:sto )?ucci\\w*|muoio|muori|moriamo|morendo|morivo|moriro|sto per morire|morto|morta|crepo|creparmi|schiatto|stiamo morendo|sto morendo)(?: letteralmente)? (?:di|dal|dalla|dalle|dai|dallo|d) ?(?:lavoro|fatica|fame|sete|sonno|caldo|freddo|noia|ridere|risate|riso|stanchezza|paura|voglia|curiosita|studio|studiare|invidia|gelosia|allenamento|palestra|vergogna|imbarazzo|felicita|gioia|emozione|ansia per l esame|compiti|straordinari|traffico)',
  'da morire',
  'stanc[oa] mort[oa]',
  'stanchi morti',
  'mort[oa] di sonno',
  'mi fa morire',
  'mi fanno morire',
  'mi hai fatto morire',
  'fa morire dal ridere',
  'morire dal ridere',
  'ammazza (?:che|quanto|oh|ao)',
  '(?<!(?:vojo|voglio|vuole|me|mi|ti|ci|lo|la|li|le) )ammazza(?= \\||$)',
  'questo (?:esame|lavoro|caldo|mal di testa) mi (?:uccide|ammazza|sta uccidendo)',
  'mi (?:sta uccidendo|uccide|ammazza) (?:il|la|lo|questo|questa) (?:mal di testa|caldo|lavoro|esame|traffico|capo|noia|schiena)',
  'mi sparo (?:una|un|uno|tutta|tutto) \\w+',
  'mi butto (?:sul|sulla|nel|nella|in|a) (?:divano|letto|lavoro|studio|piscina|mare|acqua|pista|progetto|mischia|cibo)',
  'buttarmi (?:nel|nella|sul|sulla|in) (?:lavoro|studio|divano|progetto|mischia|mare)',
  'farla finita con (?:lui|lei|questa relazione|questa storia|il fumo|le sigarette|l alcol|lo zucchero|questo lavoro|il mio ex|la mia ex|i debiti)',
  'mi (?:sono )?tagliat[oa] (?:i capelli|la frangia|le unghie|un dito|il dito|con la carta|mentre cucinavo|cucinando|facendomi la barba)',
  'mi taglio (?:i capelli|la frangia|le unghie)',
  'tagliarmi (?:i capelli|la frangia)',
  'taglio (?:di capelli|netto)',
  'sparire (?:per|dai) (?:qualche giorno|un po|social|weekend)',
  'sparire dalla circolazione',
  'ucciderei per (?:un|una) \\w+',
  // the conditional "mia madre mi ammazza se…", unless it is said as a threat ("ha detto che mi ammazza se…")
  '(?<!(?:detto|dice|dicendo|minaccia|minacciato|minacciata|giura|giurato|urla|urlato|scritto) che )(?:mi|ci) (?:ammazza|ammazzano|uccide|uccidono) se (?:scopre|scoprono|vede|vedono|sa|sanno|prendo|torno tardi)',
  // en
  'dying (?:to|for)',
  '(?:dying|died|die|dead) (?:of|from) (?:laughter|laughing|embarrassment|boredom|hunger|heat|cringe|exhaustion)',
  'to die for',
  'killing it',
  'killed it',
  'kill time',
  'killing time',
  'kill for an? \\w+',
  '(?:this|the) (?:heat|homework|exam|job|work|commute|traffic|headache|boss|meeting) (?:is )?(?:killing|kills) me',
  '(?:is|are) killing me',
  'dead tired',
  'drop dead',
  'deadline',
  'i m dead',
  'im dead',
  'i m so dead',
  'i m dying here',
  '(?:my )?(?:mom|mum|dad|mother|father|parents) (?:is|are|will|ll|s) (?:gonna |going to )?kill me',
  'i could kill for',
  'cut (?:my|his|her) hair',
  'cut my (?:finger|thumb|hand) (?:cooking|chopping|on)',
  'overdosed on (?:coffee|caffeine|netflix|sugar|tv)',
  'slit (?:the|a) (?:envelope|bag)',
  'end (?:it|things) with (?:him|her|them|my \\w+)',
  // fr, es, ro
  'mort de (?:rire|fatigue|faim|soif|peur|honte)',
  'morte de (?:rire|fatigue|faim|soif|peur|honte)',
  'je meurs de (?:faim|soif|fatigue|rire|chaud|froid|envie)',
  'mdr',
  'creve',
  'crevee',
  'tuer le temps',
  '(?:me )?muero de (?:hambre|sed|risa|sueno|calor|frio|ganas|verguenza|aburrimiento)',
  'me mata (?:el|la) (?:calor|trabajo|dolor de cabeza)',
  'muerto de (?:risa|hambre|cansancio)',
  'mor de (?:foame|sete|ras|somn|cald|frig|dor|plictiseala|rusine)',
  'm am omorat (?:cu|de) (?:munca|invatat)',
]

/** A drug, a drink or a medicine named: what makes "non respira" a substance emergency. */
export const SUBSTANCE =
  /\b(?:roba|eroina|ero|coca|cocaina|crack|metadone|pasticc\w*|pastigli\w*|pillol\w*|compress\w*|farmac\w*|psicofarmac\w*|droga|drogat\w*|fatt[oa] di|ketamina|keta|ecstasy|mdma|md|fentanyl|alcol\w*|bevut\w*|beve|bevo|beveva|bere|fumat\w* qualcosa|mi sono fatt[oa]|si e fatt[oa]|drinks?|drinking|smoked|ubriac\w*|sbronz\w*|xanax|tavor|benzo\w*|ghb|lsd|acido|funghi|spice|canna|canne|erba|dose|siring\w*|pera|buco|heroin|cocaine|coke|meth|pills?|drugs?|drunk|drank|drinking|booze|vodka|oxy\w*|opioid\w*|fent|molly|xans?|bars|high|overdos\w*|drogue\w*|alcool|cachets|medicaments|droga\w*|pastillas|borrach\w*|alcohol|droguri|pastile|alcool|baut)(?![a-z])/
