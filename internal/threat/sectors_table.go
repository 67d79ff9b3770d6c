package threat

// sectorTable is vigil's sector vocabulary. Every value the MISP galaxy
// sources use is either listed here or in Taxonomy.Ignored (a test checks it).
func sectorTable() []Sector {
	return []Sector{
		{ID: "government", Label: "Government and public administration", Sources: []string{"Government", "Government, Administration", "Government Administration", "Government agencies and services", "Government Institutions", "Diplomacy", "Police - Law enforcement", "Justice"}},
		{ID: "defense", Label: "Defense and military", Sources: []string{"Defense", "Military", "Defense industrial base", "Defense Contractor", "Intelligence", "Security Service"}},
		{ID: "healthcare", Label: "Healthcare", Sources: []string{"Healthcare", "Health", "Medical", "Biomedical", "Life science", "Covid-19 research organizations", "Veterinary"}},
		{ID: "pharmaceuticals", Label: "Pharmaceuticals", Parent: "healthcare", Sources: []string{"Pharmaceuticals", "Pharmacy"}},
		{ID: "financial-services", Label: "Financial services", Sources: []string{"Financial Services", "Finance", "Financial", "Financial services", "Investment", "Payment", "Accounting", "Tax firm"}},
		{ID: "insurance", Label: "Insurance", Parent: "financial-services", Sources: []string{"Insurance"}},
		{ID: "banking", Label: "Banking", Parent: "financial-services", Sources: []string{"Banks", "Bank", "Credit Unions"}},
		{ID: "cryptocurrency", Label: "Cryptocurrency", Parent: "financial-services", Sources: []string{"Cryptocurrency"}},
		{ID: "education", Label: "Education and academia", Sources: []string{"Education", "Universities", "Academia - University", "Higher education"}},
		{ID: "research", Label: "Research and think tanks", Sources: []string{"Research - Innovation", "Think Tanks", "Scientific Research"}},
		{ID: "energy", Label: "Energy", Sources: []string{"Energy", "Electric", "Gas", "Oil", "Petroleum", "Petrochemical", "Nuclear", "Energy Company", "Turbine", "Smart meter"}},
		{ID: "utilities", Label: "Utilities and water", Sources: []string{"Utilities", "Water"}},
		{ID: "telecommunications", Label: "Telecommunications", Sources: []string{"Telecommunications", "Telecoms", "Telecomms", "IT - ISP", "Communication equipment"}},
		{ID: "technology", Label: "Technology and IT services", Sources: []string{"Technology", "High Tech", "High-Tech", "High tech", "Information technology", "Information Technology", "IT", "IT - Security", "IT - Hacker", "Electronics", "Electronic", "Electronics Manufacturers", "Semi Conductors", "Semi-conductors", "Semiconductor Industry", "Digital services", "Digital infrastructure", "Programming", "Managed Services Provider", "DNS service provider", "Security systems", "Security actors", "Data Broker", "Consulting", "Professional Services"}},
		{ID: "manufacturing", Label: "Manufacturing and industry", Sources: []string{"Manufacturing", "Critical manufacturing", "Industrial", "Steel", "Metal", "Engineering", "Civil engineering"}},
		{ID: "chemical", Label: "Chemical", Parent: "manufacturing", Sources: []string{"Chemical"}},
		{ID: "automotive", Label: "Automotive", Parent: "manufacturing", Sources: []string{"Automotive"}},
		{ID: "aerospace", Label: "Aerospace and space", Sources: []string{"Aerospace", "Space", "Satellite navigation"}},
		{ID: "transportation", Label: "Transportation and logistics", Sources: []string{"Transportation", "Transportation systems", "Transport", "Rail", "Railway", "Maritime", "Shipping", "Logistic", "Logistics", "Civil Aviation", "Aviation"}},
		{ID: "retail", Label: "Retail and e-commerce", Sources: []string{"Retail", "eCommerce", "Online marketplace", "Trade"}},
		{ID: "hospitality", Label: "Hospitality and travel", Sources: []string{"Hospitality Leisure", "Hospitality", "Hotels", "Tourism", "Travel", "Travel Services", "Restaurant"}},
		{ID: "media", Label: "Media and communications", Sources: []string{"Media", "News - Media", "Media and Entertainment", "Television broadcast", "Publishing industry", "Journalist", "Journalists", "Streaming service", "Video Sharing", "Social networks", "Advertising", "Marketing"}},
		{ID: "entertainment", Label: "Entertainment, gaming and gambling", Sources: []string{"Entertainment", "Video Games", "Game", "Gaming", "Casinos Gambling", "Gambling companies", "Gambling Websites", "Casino", "Sport", "Arts", "Culture"}},
		{ID: "legal", Label: "Legal services", Sources: []string{"Legal", "Lawyers"}},
		{ID: "ngo", Label: "NGOs, non-profits and civil society", Sources: []string{"NGOs", "NGO", "Non Profit", "Non-profit organisation", "Human Rights", "Civil society", "Civil Society", "Activists", "Pro-democracy and human rights political organizations", "Religious organization", "Religious Organizations", "Islamic organisation", "Islamic forums"}},
		{ID: "political", Label: "Political organisations and dissidents", Sources: []string{"Political party", "Opposition", "Dissidents", "Dissident", "Separatists"}},
		{ID: "construction", Label: "Construction", Sources: []string{"Construction"}},
		{ID: "agriculture", Label: "Agriculture and food", Sources: []string{"Agriculture", "Food and agriculture", "Food"}},
		{ID: "mining", Label: "Mining", Sources: []string{"Mining"}},
		{ID: "infrastructure", Label: "Critical infrastructure (unspecified)", Sources: []string{"Infrastructure"}},
	}
}
