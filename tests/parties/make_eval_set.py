"""Writes tests/parties/eval_names.csv: the labelled evaluation set (run once; the CSV is committed and reviewed).

Columns: query, expected (list:entry id, or empty for a name that must not match), kind.
True variants are derived from the curated list and the real SDN names in fixtures/ofac_sdn_sample.csv by rules a
compliance officer meets in practice; look-alikes are hand-written names that share words or shapes with listed
names but are other parties. Deterministic (fixed seed).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).parent
RNG = random.Random(20261129)

# (expected id, name as listed, hand-written transliteration / spelling variants)
TRUE = [
    ("curated:bis-el-2021-nso-group", "NSO Group", ["N.S.O. Group", "NSO Group Ltd", "NSO-Group"]),
    ("curated:bis-el-2021-candiru", "Candiru", ["Kandiru", "Candiru Ltd.", "CANDIRU LIMITED"]),
    (
        "curated:bis-el-2021-positive-technologies",
        "Positive Technologies",
        ["Pozitiv Technologies", "Positive Tekhnologies", "PositiveTechnologies JSC"],
    ),
    (
        "curated:bis-el-2021-computer-security-initiative-consultancy",
        "Computer Security Initiative Consultancy PTE. LTD.",
        [
            "Computer Security Initiative Consultancy Pte Ltd",
            "Computer Security Initiative Consultancy Private Limited",
            "Computer Security Initiative Consultancy",
        ],
    ),
    ("curated:bis-el-2023-intellexa", "Intellexa", ["Intelexa", "Intellexa Ltd", "INTELLEXA S.A."]),
    ("curated:bis-el-2023-cytrox", "Cytrox", ["Sytrox", "Cytrox AD", "Cytrox JSC"]),
    (
        "curated:ofac-sdn-2024-cytrox-holdings",
        "Cytrox Holdings ZRT",
        ["Cytrox Holding Zrt.", "Cytrox Holdings Zartkoruen Mukodo Reszvenytarsasag", "Cytroks Holdings"],
    ),
    (
        "curated:ofac-sdn-2024-thalestris-limited",
        "THALESTRIS LIMITED",
        ["Thalestris Ltd", "Talestris Limited", "Thalestriss Ltd."],
    ),
    (
        "curated:ofac-sdn-2024-tal-jonathan-dilian",
        "Tal Jonathan Dilian",
        ["Tal Yonatan Dilian", "Dilian, Tal", "Tal J. Dilian"],
    ),
    (
        "curated:ofac-sdn-2024-sara-aleksandra-fayssal-hamou",
        "Sara Aleksandra Fayssal Hamou",
        ["Sarah Alexandra Faysal Hamou", "Sara Hamou", "Hamou Sara Aleksandra"],
    ),
    ("curated:ofac-sdn-2024-felix-bitzios", "Felix Bitzios", ["Feliks Bitzios", "Bitzios Felix", "Felix Bitsios"]),
    (
        "curated:ofac-sdn-2024-andrea-gambazzi",
        "Andrea Gambazzi",
        ["Andrea Gambazi", "Gambazzi, Andrea", "Andreas Gambazzi"],
    ),
    ("curated:ofac-sdn-2024-merom-harpaz", "Merom Harpaz", ["Merom Kharpaz", "Harpaz Merom", "Meirom Harpaz"]),
    (
        "curated:ofac-sdn-2024-panagiota-karaoli",
        "Panagiota Karaoli",
        ["Panayiota Karaoli", "Panagiota Karaouli", "Karaoli, Panagiota"],
    ),
    (
        "curated:ofac-sdn-2024-artemis-artemiou",
        "Artemis Artemiou",
        ["Artemis Artemiu", "Artemiou Artemis", "Artemis Artemioy"],
    ),
    (
        "curated:ofac-sdn-2024-aliada-group",
        "Aliada Group Inc.",
        ["Aliada Group Incorporated", "Aliada Grp Inc", "Aliada Group Ltd"],
    ),
    (
        "sdn:36",
        "AEROCARIBBEAN AIRLINES",
        ["Aero Caribbean Airlines", "Aerocaribean Airlines", "Aerocaribbean Airlines S.A."],
    ),
    ("sdn:306", "BANCO NACIONAL DE CUBA", ["Banco Nacional de Kuba", "Banco Nacional Cuba", "National Banco de Cuba"]),
    (
        "sdn:3754",
        "ABU MARZOOK, Mousa Mohammed",
        ["Musa Muhammad Abu Marzuq", "Mousa Mohamed Abu Marzouk", "Moussa Abu Marzook"],
    ),
    ("sdn:6931", "YASIN, Abdul Rahman", ["Abd al-Rahman Yasin", "Abdulrahman Yassin", "Abdel Rahman Yaseen"]),
    (
        "sdn:9760",
        "LUKASHENKA, Alyaksandr Ryhorovich",
        ["Aleksandr Lukashenka", "Alyaksandr Ryhorovich Lukashenko", "Alexander Lukashenka"],
    ),
    (
        "sdn:11748",
        "MAHAMOUD, Bashir Mohamed",
        ["Bashir Muhammad Mahmoud", "Bashir Mohammed Mahamud", "Basheer Mohamed Mahamoud"],
    ),
    ("sdn:11486", "GRUPO FALCON S.A.", ["Grupo Falcon SA", "Grupo Falkon", "Falcon Grupo S.A."]),
    ("sdn:12735", "AL-ASSAD, Bashar", ["Bashar al-Asad", "Bashar el Assad", "Bashar Assad"]),
    (
        "sdn:12989",
        "EL KHANSA, Mohamad Zouheir",
        ["Mohammed Zuhair al-Khansa", "Muhammad Zouhair Khansa", "Mohamad Zuheir El-Khansa"],
    ),
    ("sdn:39520", "ADEN, Mohamoud Abdi", ["Mahmoud Abdi Aden", "Mohamud Abdi Aden", "Mohamed Yare"]),
    ("sdn:48059", "INTELLEXA S.A.", ["Intellexa Societe Anonyme", "Intellexa SA.", "Intellexa AE"]),
    ("sdn:48060", "DILIAN, Tal Jonathan", ["Tal Dilian", "Jonathan Dilian", "Tal Jonathan Dillian"]),
    (
        "sdn:48061",
        "HAMOU, Sara Aleksandra Fayssal",
        ["Sara Aleksandra Hamou", "Sara Fayssal Hamou", "Sara Alexandra Fayssal Hamu"],
    ),
    ("sdn:48064", "INTELLEXA LIMITED", ["Intellexa Ltd.", "Intellexa Limited (Ireland)", "Intellexxa Limited"]),
    ("sdn:48067", "CYTROX AD", ["Cytrox A.D.", "Cytrox AD Skopje", "Citrox AD"]),
    (
        "sdn:48069",
        "CYTROX HOLDINGS ZARTKORUEN MUKODO RESZVENYTARSASAG",
        ["Cytrox Holdings Zrt", "Cytrox Holdings", "Cytrox Holdings Ltd"],
    ),
    ("sdn:48076", "THALESTRIS LIMITED", ["Thalestris", "Thalestris Ltd", "Thalestris Limited Dublin"]),
    (
        "sdn:90001",
        "EXAMPLE NORTHWIND TRADING FZE",
        ["Example Northwind Trading FZCO", "Northwind General Trading LLC", "Example North Wind Trading"],
    ),
    (
        "sdn:90002",
        "KHALILOV, Yevgeniy Muhammadovich",
        ["Evgeny Khaliloff", "Yevgeny Halilov", "Evgeniy Mukhammadovich Khalilov"],
    ),
]
LEGAL = ["Ltd", "LLC", "FZE", "FZCO", "GmbH", "S.A.", "JSC", "Inc.", "PTE. LTD.", "Limited", "ZRT", "AD"]


def typo(name: str) -> str:
    words = name.replace(",", "").split()
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) < 5:
        return name.replace(",", "").lower()
    k = RNG.randrange(1, len(w) - 2)
    op = RNG.choice(["swap", "drop", "double"])
    if op == "swap":
        w = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
    elif op == "drop":
        w = w[:k] + w[k + 1 :]
    else:
        w = w[:k] + w[k] + w[k:]
    words[i] = w
    return " ".join(words)


def reorder(name: str) -> str:
    if "," in name:
        last, first = name.split(",", 1)
        return f"{first.strip()} {last.strip()}"
    words = name.split()
    return " ".join(words[1:] + words[:1]) if len(words) > 1 else name.upper()


def legal(name: str) -> str:
    return f"{name.replace(',', '')} {RNG.choice(LEGAL)}"


def punct(name: str) -> str:
    return name.replace(",", "").replace(" ", "-").lower()


LOOKALIKES = """
NSA Group|Nisso Group Holdings|Candour Ltd|Candy Rue SARL|Positive Thinking Company|Positive Energy Technologies
Positron Technologies|Computer Science Institute of Singapore|Security Initiative Consulting Group|Intellect Design Arena
Intelligence Exchange Ltd|Intelsat SA|Cytel Holdings|Cyprus Holdings Ltd|Citrix Systems|Cytiva Holdings|Thales SA
Thalassa Shipping Ltd|Tala Jonathan Diller|Talia Jonas Dillon|Sarah Alexander|Sara Hamid|Fayssal Hammoud|Felix Baumgartner
Felicity Bitz|Andrea Gambino|Andrea Gamba|Meron Harper|Miriam Harpaz Levi|Panagiotis Karras|Panagiota Kyriakou
Artemis Artemisia|Artemis Holdings|Aliado Group|Alianza Group Inc|Aerolineas Caribenas|Aero Cargo Airlines
Banco Nacional de Costa Rica|Banco Nacional de Mexico|Mousa Marzouki|Mohammed Marzouk Trading|Abdul Rahman Yousef
Yasin Abdul Karim|Alexander Lukas|Aleksandr Lebedev|Bashir Mahmoudi Trading|Bashar Yousef Saad|Grupo Falabella
Grupo Faro S.A.|Falcon Group Inc|Khansa Trading|Mohamad Zouari|Aden Ports Company|Mohamoud Abdi Farah
Northwind Traders Inc|Example Southwind Trading|Evgeny Kholodov|Yevgeny Khalfin|Muhammadov Consulting
Sandviken AB|Sandvik AB|Intellexus Software|Cytrox Robotics|Thalestra Partners|Dilian Petrov|Hamou Benali
Bitzer SE|Gambazzi Pasticceria|Harpaz Engineering Ltd|Karaoglu Holding|Artemiou Law Firm|Aliada Consultores
Candiru Fish Import|NSO Sports Club|Positive Tech Recruiting|Cytrox Dental Clinic|Intellexa Fan Club Athens
Acme Security Solutions Ltd|Blue Harbour Logistics FZE|Northern Lights Telecom|Siemens AG|Nokia Oyj|Ericsson AB
Orange SA|Vodafone Group Plc|Telefonica SA|Huawei Technologies Duesseldorf GmbH|Thales Group|Leonardo SpA
Cellebrite DI Ltd|Gamma International GmbH|Hacking Team Srl|Area SpA|Amesys SAS|Nexa Technologies|Trovicor GmbH
Blue Coat Systems Inc|Computerlinks FZCO|Syrian Telecommunications Establishment|Liwalnet|Iraq Ministry of Telecom
State Security Investigations Service|Ministry of Interior|National Police|Federal Criminal Police Office
John Smith|Maria Garcia|Wei Zhang|Olga Ivanova|Ahmed Hassan Ali|Mohammed bin Salman Al Saud Foundation
Fatima Zahra Benali|Jean Dupont SARL|Hans Mueller GmbH|Giulia Rossi|Pedro Alvarez Consulting|Kofi Mensah Ltd
Ayse Yilmaz|Nguyen Van An|Ivan Petrov|Anna Kowalska|Lars Andersen AS|Sofia Papadopoulou|Yosef Cohen
Rahul Sharma Pvt Ltd|Chen Li Trading Co Ltd|Abdullah Al Harbi|Samir Haddad|Omar Farouk|Layla Nasser
Global Tech Solutions LLC|Pacific Rim Distributors|Atlas Freight Forwarders|Delta Integration Services
Sunrise Electronics FZE|Oasis Digital Trading FZCO|Silicon Oasis Resellers LLC|Gulf Networks Integration
Eastern Mediterranean Security SA|Balkan Cyber Consulting DOO|Danube Analytics Kft|Liffey Data Systems Ltd
Aegean Shipping Services|Athens Software House|Skopje IT Solutions|Budapest Secure Networks Zrt
Limassol Holdings Ltd|Tortola Ventures Inc|Nicosia Trading Ltd|Dublin Cloud Services Limited
Alpha Omega Consulting|Beta Systems Integration|Gamma Rays Imaging|Delta Force Training Ltd|Epsilon Telecom
Zeta Analytics|Eta Robotics|Theta Security|Iota Devices|Kappa Networks|Lambda Labs|Mu Sigma Inc
Red Crescent Supplies|Green Valley Farms|Blue Ocean Fisheries|White Mountain Mining|Black Sea Grain Ltd
Caspian Energy Services|Baltic Freight|Adriatic Telecom|Ionian Ferries|Levant Trading House
Yellow River Electronics|Pearl River Devices|Nile Valley Telecom|Tigris Engineering|Euphrates Consulting
Mekong Software|Volga Logistics|Danube Logistics|Rhine Security GmbH|Thames Analytics Ltd
Sahara Solar|Gobi Data|Kalahari Networks|Atacama Mining SA|Patagonia Outfitters
Andes Integration SA|Alps Cyber AG|Carpathian Systems SRL|Balkan Trade AD|Urals Engineering OOO
Siberian Timber JSC|Arctic Fisheries AS|Antarctic Research Institute|Pacific Telecom Inc|Atlantic Security Ltd
Indian Ocean Shipping|Arabian Gulf Contracting|Red Sea Ports|Dead Sea Cosmetics|Black Forest Software GmbH
Cedar Networks SAL|Olive Grove Trading|Date Palm Exports|Saffron Imports|Pistachio Growers Cooperative
Mohammed Hassan Ali Trading|Hassan Mohamed Ibrahim|Ali Ahmed Said|Ahmad Ali Mahmoud|Omar Abdullah Khalid
Yusuf Ismail Musa|Hamid Reza Hosseini|Ibrahim Saeed Omar|Khalid Yousef Hamid|Said Ahmad Hussein
Sergei Ivanov Consulting|Vladimir Petrov|Dmitri Sokolov|Igor Smirnov|Andrei Popov|Nikolai Volkov|Alexei Morozov
Oleg Kuznetsov|Viktor Lebedev|Elena Novikova|Natalia Fedorova|Olga Pavlova|Maria Semenova
Jose Garcia Lopez|Juan Martinez|Carlos Rodriguez|Luis Hernandez|Jorge Gonzalez|Antonio Perez|Manuel Sanchez
""".replace("\n", "|").split("|")


# Names written in Arabic or Persian script (as UN and EU lists and deals carry them) -> their Latin entries.
ARABIC_SCRIPT = [
    ("sdn:3754", ["موسى محمد أبو مرزوق", "موسى أبو مرزوق", "أبو مرزوق، موسى محمد"]),
    ("sdn:6931", ["عبد الرحمن ياسين", "عبدالرحمن یاسین"]),
    ("sdn:11748", ["بشير محمد محمود"]),
    ("sdn:12735", ["بشار الأسد", "الأسد، بشار", "بشار اسد"]),
    ("sdn:12989", ["محمد زهير الخنسا", "محمد زهير الخنساء"]),
    ("sdn:39520", ["محمود عبدي عدن"]),
    ("curated:ofac-sdn-2024-sara-aleksandra-fayssal-hamou", ["سارة فيصل حمو", "سارا الکساندرا فیصل حمو"]),
    ("curated:ofac-sdn-2024-merom-harpaz", ["مروم هارباز", "مروم هارپاز"]),
    ("curated:ofac-sdn-2024-tal-jonathan-dilian", ["تال جوناثان ديليان", "تال دیلیان"]),
    ("curated:bis-el-2023-intellexa", ["انتلكسا", "اینتلکسا", "شركة انتلكسا"]),
    ("curated:bis-el-2021-candiru", ["كانديرو"]),
    ("curated:ofac-sdn-2024-thalestris-limited", ["ثاليستريس"]),
    ("curated:ofac-sdn-2024-felix-bitzios", ["فيليكس بيتزيوس"]),
    ("curated:ofac-sdn-2024-andrea-gambazzi", ["أندريا غامبازي"]),
    ("curated:ofac-sdn-2024-panagiota-karaoli", ["باناغيوتا كارولي"]),
    ("curated:ofac-sdn-2024-artemis-artemiou", ["أرتميس أرتميو"]),
]
# Arabic- and Persian-script names that share words or shapes with listed names but are other parties.
ARABIC_SCRIPT_LOOKALIKES = [
    "محمد علي",
    "بشير أحمد",
    "موسى الخليل",
    "عبد الرحمن يوسف",
    "ماهر الأسد",
    "محمود عباس",
    "سارة حامد",
    "شركة الخنساء للتجارة",
    "ياسين عبد الكريم",
    "مروان حرب",
    "تالا ديلون",
    "أحمد حسن علي",
    "حميد رضا حسيني",
    "حسن روحانی",
    "شرکت مهندسی پارس",
    "بانک ملی ایران",
    "بشير سعيد",
    "فيصل حمدان",
    "كريم مرزوق",
    "عمر ياسين",
    "سارة الحمود",
    "مريم هاشم",
    "انتل للتقنية",
    "كانون للتجارة",
    "أرتين أرتميان",
    "فلاح بيطار",
    "أندرو غامبل",
    "بنك القاهرة",
]


def main() -> None:
    rows = []
    for expected, name, manual in TRUE:
        rows.extend((q, expected, "transliteration-or-spelling") for q in manual)
        rows.append((typo(name), expected, "misspelling"))
        rows.append((reorder(name), expected, "reordered"))
        rows.append((legal(name), expected, "legal-form-added"))
        rows.append((punct(name), expected, "case-punctuation"))
    for q in LOOKALIKES:
        q = q.strip()
        if q:
            rows.append((q, "", "look-alike"))
    for expected, queries in ARABIC_SCRIPT:
        rows.extend((q, expected, "arabic-script") for q in queries)
    rows.extend((q, "", "look-alike-arabic-script") for q in ARABIC_SCRIPT_LOOKALIKES)
    with (HERE / "eval_names.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["query", "expected", "kind"])
        writer.writerows(rows)
    print(f"{sum(1 for r in rows if r[1])} variants, {sum(1 for r in rows if not r[1])} look-alikes")


if __name__ == "__main__":
    main()
