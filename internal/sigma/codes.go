package sigma

// Diagnostic codes. They are stable: tools and people filter on them, so a
// code is never reused for a different finding. 0xx file level, 1xx
// metadata, 2xx detection, 3xx condition, 4xx compile time (values and
// placeholders, reported by package match), 5xx filters, 6xx correlations.
const (
	CodeYAML          = "SIG001" // YAML does not parse
	CodeNotMapping    = "SIG002" // document is not a mapping
	CodeMissing       = "SIG101" // required attribute missing
	CodeType          = "SIG102" // attribute has the wrong YAML type
	CodeID            = "SIG103" // id is not a UUID
	CodeStatus        = "SIG104" // status not in the allowed set
	CodeLevel         = "SIG105" // level not in the allowed set
	CodeDate          = "SIG106" // date/modified not YYYY-MM-DD
	CodeTag           = "SIG107" // tag does not follow namespace.value
	CodeTagDeprecated = "SIG108" // deprecated tag form (e.g. attack.defense_evasion)
	CodeLogsource     = "SIG109" // logsource problem
	CodeRelated       = "SIG110" // related entry problem
	CodeLength        = "SIG111" // title/description too long
	CodeDuplicateKey  = "SIG112" // a mapping repeats a key
	CodeAttackUnknown = "SIG113" // ATT&CK tag names nothing ATT&CK knows
	CodeAttackChanged = "SIG114" // ATT&CK tag names a revoked technique or renamed tactic
	CodeDetection     = "SIG201" // detection section malformed
	CodeSearch        = "SIG202" // search identifier malformed
	CodeModifier      = "SIG203" // unknown modifier
	CodeModifierCombo = "SIG204" // modifiers that cannot be combined
	CodeModValue      = "SIG205" // value does not suit its modifier
	CodeAllSingle     = "SIG206" // "all" on a single value
	CodeCondMissing   = "SIG301" // no condition
	CodeCondSyntax    = "SIG302" // condition does not parse
	CodeCondUnknown   = "SIG303" // condition names an unknown identifier
	CodeCondPattern   = "SIG304" // "x of pattern" matches nothing
	CodeCondPipe      = "SIG305" // deprecated "| count()" aggregation
	CodeUnused        = "SIG306" // search identifier never used
	CodeAllOfThem     = "SIG307" // "all of them" discouraged
	CodePlaceholder   = "SIG401" // placeholder without a value
	CodeRegex         = "SIG402" // regular expression does not compile
	CodeCIDR          = "SIG403" // CIDR does not parse
	CodeEncoding      = "SIG404" // encoding applied to a wildcard value
	CodeExpansion     = "SIG405" // value expands to too many variants
	CodeFilter        = "SIG501" // filter document problem
	CodeFilterTarget  = "SIG502" // filter names a rule that is not loaded
	CodeCorrelation   = "SIG601" // correlation document problem
	CodeCorrelRef     = "SIG602" // correlation names a rule that is not loaded
)
