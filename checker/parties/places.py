"""Place words: country names and their adjectives, and large cities, as they appear inside company names
("Industrial and Commercial Bank of China", "Banco Santander Chile", "Sberbank Europe"). A place word that differs
between two names (or that the listed name has and the screened name lacks) says they are different companies of
one family; see `checker.parties.matching`. Folded (lower-case ASCII); multi-word names by their distinctive word.
"""

from __future__ import annotations

COUNTRIES = frozenset(
    """
    afghanistan albania algeria andorra angola antigua argentina armenia australia austria azerbaijan bahamas
    bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria
    burkina burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia
    czech denmark djibouti dominica dominican ecuador egypt salvador eritrea estonia eswatini ethiopia fiji finland
    france gabon gambia georgia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland
    india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati korea kosovo kuwait
    kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi
    malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco
    mozambique myanmar burma namibia nauru nepal netherlands holland nicaragua niger nigeria macedonia norway oman
    pakistan palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa
    senegal serbia seychelles singapore slovakia slovenia somalia spain lanka sudan suriname sweden switzerland
    syria taiwan tajikistan tanzania thailand togo tonga trinidad tunisia turkey turkiye turkmenistan tuvalu uganda
    ukraine emirates uae britain england scotland wales uk usa america uruguay uzbekistan vanuatu venezuela vietnam
    yemen zambia zimbabwe hongkong macau macao europe asia africa
    """.split()
)
ADJECTIVES = frozenset(
    """
    afghan albanian algerian american argentine argentinian armenian australian austrian azerbaijani bahraini
    belarusian belgian bolivian brazilian british bulgarian cambodian canadian chilean chinese colombian cuban
    cypriot czech danish dutch egyptian emirati english eritrean estonian ethiopian european finnish french german
    ghanaian greek hungarian indian indonesian iranian iraqi irish israeli italian japanese jordanian kazakh kenyan
    korean kuwaiti kyrgyz lao latvian lebanese libyan lithuanian malaysian maltese mexican moldovan mongolian
    moroccan nigerian norwegian omani pakistani palestinian panamanian peruvian philippine polish portuguese qatari
    romanian russian saudi scottish serbian singaporean slovak slovenian somali spanish sudanese swedish swiss
    syrian taiwanese tajik thai tunisian turkish turkmen ugandan ukrainian uzbek venezuelan vietnamese yemeni
    zambian zimbabwean asian african arab
    """.split()
)
CITIES = frozenset(
    """
    moscow beijing shanghai shenzhen guangzhou tianjin dubai sharjah abudhabi tehran baghdad damascus beirut kabul
    pyongyang caracas havana minsk kiev kyiv london paris berlin frankfurt hamburg munich vienna zurich geneva rome
    milan madrid barcelona lisbon athens istanbul ankara cairo riyadh jeddah doha muscat karachi lahore delhi mumbai
    kolkata dhaka bangkok singapore jakarta manila hanoi seoul tokyo osaka taipei almaty tashkent baku tbilisi
    yerevan bishkek dushanbe khartoum tripoli tunis algiers casablanca lagos nairobi johannesburg kinshasa luanda
    panama bogota lima quito santiago mexico sanaa aden amsterdam rotterdam brussels luxembourg dublin edinburgh
    stockholm oslo copenhagen helsinki warsaw prague budapest bucharest sofia belgrade skopje tirana chisinau riga
    vilnius tallinn petersburg novosibirsk yekaterinburg vladivostok kazan sochi crimea sevastopol donetsk luhansk
    """.split()
)
PLACES = COUNTRIES | ADJECTIVES | CITIES
