package threat

// countryTable: ISO-2 → names used by the sources (MISP cfr-suspected-victims)
// and by people writing profiles.
func countryTable() map[string][]string {
	return map[string][]string{
		"AF": {"Afghanistan"}, "AL": {"Albania"}, "DZ": {"Algeria"}, "AR": {"Argentina"}, "AM": {"Armenia"},
		"AU": {"Australia"}, "AT": {"Austria"}, "AZ": {"Azerbaijan"}, "BS": {"Bahamas"}, "BH": {"Bahrain"},
		"BD": {"Bangladesh"}, "BY": {"Belarus"}, "BE": {"Belgium"}, "BO": {"Bolivia"}, "BA": {"Bosnia and Herzegovina"},
		"BR": {"Brazil"}, "BN": {"Brunei"}, "BG": {"Bulgaria"}, "KH": {"Cambodia"}, "CM": {"Cameroon"},
		"CA": {"Canada"}, "CL": {"Chile"}, "CN": {"China"}, "CO": {"Colombia"}, "CR": {"Costa Rica"},
		"HR": {"Croatia"}, "CU": {"Cuba"}, "CY": {"Cyprus"}, "CZ": {"Czech Republic", "Czechia"}, "DK": {"Denmark"},
		"DO": {"Dominican Republic"}, "EC": {"Ecuador"}, "EG": {"Egypt"}, "SV": {"El Salvador"}, "EE": {"Estonia"},
		"ET": {"Ethiopia"}, "FI": {"Finland"}, "FR": {"France"}, "GE": {"Georgia"}, "DE": {"Germany"},
		"GH": {"Ghana"}, "GR": {"Greece"}, "GT": {"Guatemala"}, "HN": {"Honduras"}, "HK": {"Hong Kong"},
		"HU": {"Hungary"}, "IS": {"Iceland"}, "IN": {"India"}, "ID": {"Indonesia"}, "IR": {"Iran"},
		"IQ": {"Iraq"}, "IE": {"Ireland"}, "IL": {"Israel"}, "IT": {"Italy"}, "JP": {"Japan"},
		"JO": {"Jordan"}, "KZ": {"Kazakhstan"}, "KE": {"Kenya"}, "KP": {"North Korea", "Democratic People's Republic of Korea"},
		"KR": {"South Korea", "Korea", "Republic of Korea"}, "KW": {"Kuwait"}, "KG": {"Kyrgyzstan"}, "LA": {"Laos"},
		"LV": {"Latvia"}, "LB": {"Lebanon"}, "LY": {"Libya"}, "LT": {"Lithuania"}, "LU": {"Luxembourg"},
		"MO": {"Macao", "Macau"}, "MY": {"Malaysia"}, "MV": {"Maldives"}, "ML": {"Mali"}, "MT": {"Malta"},
		"MX": {"Mexico"}, "MD": {"Moldova"}, "MN": {"Mongolia"}, "ME": {"Montenegro"}, "MA": {"Morocco"},
		"MM": {"Myanmar", "Burma"}, "NA": {"Namibia"}, "NP": {"Nepal"}, "NL": {"Netherlands", "The Netherlands"},
		"NZ": {"New Zealand"}, "NI": {"Nicaragua"}, "NG": {"Nigeria"}, "MK": {"North Macedonia", "Macedonia"},
		"NO": {"Norway"}, "OM": {"Oman"}, "PK": {"Pakistan"}, "PS": {"Palestine"}, "PA": {"Panama"},
		"PY": {"Paraguay"}, "PE": {"Peru"}, "PH": {"Philippines", "The Philippines"}, "PL": {"Poland"},
		"PT": {"Portugal"}, "QA": {"Qatar"}, "RO": {"Romania"}, "RU": {"Russia", "Russian Federation"},
		"RW": {"Rwanda"}, "SA": {"Saudi Arabia"}, "SN": {"Senegal"}, "RS": {"Serbia"}, "SG": {"Singapore"},
		"SK": {"Slovakia"}, "SI": {"Slovenia"}, "ZA": {"South Africa"}, "ES": {"Spain"}, "LK": {"Sri Lanka"},
		"SD": {"Sudan"}, "SR": {"Suriname"}, "SE": {"Sweden"}, "CH": {"Switzerland"}, "SY": {"Syria"},
		"TW": {"Taiwan"}, "TJ": {"Tajikistan"}, "TZ": {"Tanzania"}, "TH": {"Thailand"}, "TN": {"Tunisia"},
		"TR": {"Turkey", "Türkiye"}, "TM": {"Turkmenistan"}, "UG": {"Uganda"}, "UA": {"Ukraine"},
		"AE": {"United Arab Emirates", "UAE"}, "GB": {"United Kingdom", "UK", "Great Britain"},
		"US": {"United States", "USA", "United States of America"}, "UY": {"Uruguay"}, "UZ": {"Uzbekistan"},
		"VE": {"Venezuela"}, "VN": {"Vietnam", "Viet Nam"}, "YE": {"Yemen"}, "ZM": {"Zambia"}, "ZW": {"Zimbabwe"},
	}
}

// regionTable: region ID → member countries. Source values naming a region
// ("Middle East", "Europe") and profile regions both resolve through it.
func regionTable() map[string][]string {
	eu := []string{"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
	europe := append(append([]string{}, eu...), "GB", "NO", "CH", "IS", "UA", "MD", "BY", "RS", "AL", "BA", "ME", "MK")
	return map[string][]string{
		"north-america":    {"US", "CA", "MX"},
		"latin-america":    {"MX", "GT", "HN", "SV", "NI", "CR", "PA", "CU", "DO", "BS", "CO", "VE", "EC", "PE", "BO", "BR", "PY", "UY", "AR", "CL", "SR"},
		"european-union":   eu,
		"europe":           europe,
		"eastern-europe":   {"BY", "BG", "CZ", "HU", "MD", "PL", "RO", "RU", "SK", "UA", "EE", "LV", "LT"},
		"middle-east":      {"BH", "CY", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "AE", "YE"},
		"central-asia":     {"KZ", "KG", "TJ", "TM", "UZ", "AF"},
		"south-asia":       {"AF", "BD", "IN", "MV", "NP", "PK", "LK"},
		"east-asia":        {"CN", "HK", "MO", "JP", "KP", "KR", "MN", "TW"},
		"southeast-asia":   {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"},
		"asean":            {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"},
		"oceania":          {"AU", "NZ"},
		"africa":           {"DZ", "CM", "EG", "ET", "GH", "KE", "LY", "ML", "MA", "NA", "NG", "RW", "SN", "ZA", "SD", "TZ", "TN", "UG", "ZM", "ZW"},
		"northeast-africa": {"EG", "SD", "ET"},
		"nato":             {"US", "CA", "GB", "FR", "DE", "IT", "ES", "PT", "NL", "BE", "LU", "DK", "NO", "IS", "PL", "CZ", "SK", "HU", "RO", "BG", "GR", "TR", "EE", "LV", "LT", "SI", "HR", "AL", "ME", "MK", "FI", "SE"},
	}
}
