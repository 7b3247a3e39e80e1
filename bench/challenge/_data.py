"""Hand-written challenge articles and their gold tables (invented text; see README.md)."""


def P(name, alias, title):
    return {"name": name, "aliases": [alias] if alias else [], "title": title}


def B(name, *aliases):
    return {"name": name, "aliases": list(aliases)}


def U(count, unit):
    return {"count": count, "unit": unit}


def D(when, what):
    return {"when": when, "what": what}


POLITBURO = B("Politburo", "Political Bureau")
SECRETARIAT = B("Secretariat of the Party Central Committee", "Secretariat", "Party Secretariat",
                "Party Central Committee's Secretariat", "Central Committee's Secretariat")
PCC = B("Party Central Committee", "Central Committee", "Central Committee of the Communist Party of Vietnam",
        "CPV Central Committee")
CPV = B("Communist Party of Vietnam", "Party", "Communist Party", "CPV", "the Party")
COC = B("Central Organisation Commission", "Party Central Committee's Commission for Organisation",
        "Commission for Organisation of the Party Central Committee", "Central Committee's Commission for Organisation",
        "Commission for Organisation", "Central Organization Commission", "Central Organizing Committee",
        "Party Central Committee's Organisation Commission", "Organisation Commission of the Party Central Committee")
NA = B("National Assembly", "NA", "Vietnam National Assembly", "Vietnamese National Assembly", "15th National Assembly")
NASC = B("National Assembly Standing Committee", "Standing Committee of the National Assembly", "NA Standing Committee",
         "NASC", "Standing Board of the National Assembly")
GOV = B("Government", "Government of Vietnam", "Vietnamese Government", "Vietnam Government")
MOHA = B("Ministry of Home Affairs", "MoHA", "MOHA", "Home Affairs Ministry")
MOF = B("Ministry of Finance", "MoF", "Finance Ministry")
MOST = B("Ministry of Science and Technology", "MOST", "Science and Technology Ministry")
MAE = B("Ministry of Agriculture and Environment", "MAE")
MOC = B("Ministry of Construction", "MoC", "Construction Ministry")
VFF = B("Vietnam Fatherland Front", "VFF", "Fatherland Front", "Front", "Viet Nam Fatherland Front")


def prov_pc(p, *extra):
    return B(f"{p} Provincial Party Committee", f"Party Committee of {p} province", f"{p} Party Committee",
             "Provincial Party Committee", "provincial Party Committee", *extra)


def prov_psc(p, *extra):
    return B(f"Standing Committee of the {p} Provincial Party Committee",
             f"Standing Board of the {p} Provincial Party Committee", f"{p} Provincial Party Standing Committee",
             "Standing Board of the Provincial Party Committee", "Standing Committee of the Provincial Party Committee",
             "Provincial Party Standing Committee", *extra)


def prov_ppc(p, *extra):
    return B(f"{p} Provincial People's Committee", f"People's Committee of {p} province", f"{p} People's Committee",
             "provincial People's Committee", *extra)


def prov_pcl(p, *extra):
    return B(f"{p} Provincial People's Council", f"People's Council of {p} province", f"{p} People's Council",
             "provincial People's Council", *extra)


ARTICLES = []

# ---------------------------------------------------------------- c01 VNS
ARTICLES.append({
    "id": "c01", "outlet": "Viet Nam News", "published": "2025-06-02",
    "url": "https://example.org/vns/politics-laws/politburo-sets-october-deadline-for-merged-party-congresses",
    "note": "Politburo conclusion (meeting May 29, past) on congress timeline of merged provincial Party organisations; VNS style with diacritics in names.",
    "text": """
Politburo sets October deadline for congresses of merged provincial Party organisations

HÀ NỘI — The Politburo has ordered the Party Committees of the 34 provinces and centrally-run cities formed after this year's mergers to complete their congresses for the 2025–2030 term no later than October 31, clearing the way for the 14th National Party Congress in January 2026.

The requirement is set out in a conclusion signed on behalf of the Politburo by Trần Cẩm Tú, Politburo member and Permanent Member of the Secretariat, following a meeting of the Politburo and the Secretariat on May 29.

Under the timeline, congresses of commune-level Party organisations must be finished by August 31, while congresses of the provincial Party Committees and of the 21 Party Committees directly under the Party Central Committee will be held from September 1 to October 31.

Speaking at the meeting, General Secretary Tô Lâm said the congresses were "a test of the streamlining revolution" and asked that personnel for the new term be chosen on the basis of real performance, not seniority.

Politburo member Lê Minh Hưng, Head of the Party Central Committee's Commission for Organisation, said the commission would send working groups to all 34 localities in June and July to review personnel plans. Mr Hưng said the number of members of each merged provincial Party Committee could temporarily exceed the quota, but must be brought down to the regulated level by 2030.

The conclusion also asks congresses to adopt resolutions with targets to 2030 and a vision to 2045, in line with the goal of cutting at least 20 per cent of the payroll.

The Central Party Office was assigned to monitor progress and report to the Politburo every two weeks.

The Party, founded in 1930, now has more than 5.6 million members. Its 13th National Congress was held in 2021. — VNS
""",
    "gold": {
        "officials": [
            P("Trần Cẩm Tú", "Tran Cam Tu", "Permanent Member of the Secretariat"),
            P("Tô Lâm", "To Lam", "General Secretary"),
            P("Lê Minh Hưng", "Le Minh Hung", "Head of the Party Central Committee's Commission for Organisation"),
        ],
        "bodies": [POLITBURO, SECRETARIAT, PCC, COC,
                   B("Central Party Office", "Party Central Committee's Office", "Office of the Party Central Committee")],
        "unit_counts": [
            U(34, "provinces and centrally-run cities"),
            U(21, "Party Committees directly under the Party Central Committee"),
        ],
        "deadlines": [
            D("2025/2030", "term of the congresses"),
            D("2025-10-31", "merged provincial Party Committees complete congresses (no later than October 31)"),
            D("2026-01", "14th National Party Congress in January 2026"),
            D("2025-08-31", "commune-level Party congresses finished by August 31"),
            D("2025-09-01/2025-10-31", "provincial and directly-under-PCC congresses held September 1 to October 31"),
            D("2025-06/2025-07", "working groups sent to localities in June and July"),
            D("2030", "committee size back to regulated level / targets to 2030"),
            D("2045", "vision to 2045"),
        ],
        "optional": {
            "bodies": [CPV, B("14th National Party Congress", "14th National Congress"),
                       B("13th National Congress")],
            "unit_counts": [U(34, "localities; provincial Party Committees"), U(5600000, "members")],
            "deadlines": [D("2026", "14th National Party Congress (year only)"),
                          D("2025-09-01", "start of Sept 1 - Oct 31 congress window")],
        },
    },
})

# ---------------------------------------------------------------- c02 VietnamPlus
ARTICLES.append({
    "id": "c02", "outlet": "VietnamPlus", "published": "2025-06-17",
    "url": "https://example.org/vietnamplus/na-standing-committee-approves-commune-rearrangement-thanh-hoa-nghe-an",
    "note": "NASC session June 16 (past) adopts commune-level rearrangement of Thanh Hoa (547->166) and Nghe An (412->130).",
    "text": """
NA Standing Committee approves commune-level rearrangement in Thanh Hoa, Nghe An

Hanoi (VNA) – The National Assembly Standing Committee on June 16 adopted resolutions on the rearrangement of commune-level administrative units in Thanh Hoa and Nghe An, two of the country's most populous provinces.

Under the resolutions, Thanh Hoa will reduce its commune-level units from 547 to 166, including 19 wards and 147 communes, while Nghe An will go from 412 to 130 commune-level units, comprising 119 communes and 11 wards.

Presenting the Government's proposals, Minister of Home Affairs Pham Thi Thanh Tra said the two provinces had consulted voters in all affected localities, with approval rates above 96 percent. The arrangement follows the criteria on natural area and population set in Resolution 76/2025/UBTVQH15.

Chairing the session, NA Chairman Tran Thanh Man asked the Ministry of Home Affairs to coordinate with the two provinces in finalising documents so that the new units can officially operate from July 1, 2025. He noted that the provinces must complete the arrangement of personnel, headquarters and seals no later than June 30.

NA Vice Chairman Nguyen Duc Hai said the naming of the new communes had taken local history and culture into account, avoiding numbered names where possible.

According to the Thanh Hoa Provincial People's Committee, the province will set up 166 commune-level public administration service centres to receive dossiers from the first day of operation.

Meanwhile, the Nghe An Provincial Party Committee has decided to establish 130 commune-level Party Committees, which will hold their first congresses for the 2025–2030 term by the end of August.

Nationwide, the number of commune-level units is set to fall from 10,035 to 3,321, a reduction of 66.91 percent. All members of the Standing Committee present voted in favour of the resolutions./.
""",
    "gold": {
        "officials": [
            P("Pham Thi Thanh Tra", "Phạm Thị Thanh Trà", "Minister of Home Affairs"),
            P("Tran Thanh Man", "Trần Thanh Mẫn", "Chairman of the National Assembly"),
            P("Nguyen Duc Hai", "Nguyễn Đức Hải", "Vice Chairman of the National Assembly"),
        ],
        "bodies": [NASC, NA, GOV, MOHA, prov_ppc("Thanh Hoa"), prov_pc("Nghe An")],
        "unit_counts": [
            U(547, "commune-level units"), U(166, "commune-level units"), U(19, "wards"), U(147, "communes"),
            U(412, "commune-level units"), U(130, "commune-level units"), U(119, "communes"), U(11, "wards"),
            U(166, "commune-level public administration service centres"),
            U(130, "commune-level Party Committees"),
            U(10035, "commune-level units"), U(3321, "commune-level units"),
        ],
        "deadlines": [
            D("2025-07-01", "new units officially operate"),
            D("2025-06-30", "complete arrangement of personnel, headquarters, seals"),
            D("2025/2030", "term of the commune Party congresses"),
            D("2025-08", "first commune-level Party congresses by the end of August"),
        ],
        "optional": {
            "bodies": [B("Standing Committee", "Standing Committee of the National Assembly")],
            "deadlines": [D("2025-08-31", "end of August as a day")],
        },
    },
})

# ---------------------------------------------------------------- c03 VOV
ARTICLES.append({
    "id": "c03", "outlet": "VOV", "published": "2025-02-19",
    "url": "https://example.org/vov/politics/national-assembly-approves-streamlined-government-with-14-ministries",
    "note": "NA (Feb 18, past) adopts new Government structure: 30 -> 22 ministries, ministerial-level and Government agencies.",
    "text": """
National Assembly approves streamlined Government with 14 ministries

VOV.VN - The National Assembly on February 18 adopted a resolution on the structure of the Government for the 15th legislature, cutting the number of ministries, ministerial-level agencies and Government agencies from 30 to 22.

With 461 of the 464 deputies present voting in favour, the legislature approved a new Government comprising 14 ministries and three ministerial-level agencies, while the number of agencies under the Government falls from eight to five.

Under the plan, the Ministry of Planning and Investment is merged into the Ministry of Finance and the Ministry of Transport into the Ministry of Construction. The Ministry of Natural Resources and Environment and the Ministry of Agriculture and Rural Development are merged to form the Ministry of Agriculture and Environment, while the Ministry of Information and Communications becomes part of the Ministry of Science and Technology.

At the ninth extraordinary session, the legislators also approved the appointment of Nguyen Van Thang, previously Minister of Transport, as Minister of Finance, and of Do Duc Duy as Minister of Agriculture and Environment.

Prime Minister Pham Minh Chinh said the new ministries would officially operate from March 1, 2025, and asked ministers to finalise the decrees on their functions and organisational structure before February 28.

Permanent Deputy Prime Minister Nguyen Hoa Binh said the restructuring eliminates 13 general departments, 519 departments and 219 public service units under ministries.

Minister of Home Affairs Pham Thi Thanh Tra told VOV that her ministry, which has absorbed the Ministry of Labour, Invalids and Social Affairs, will guide ministries in settling benefits under Decree 178, which took effect on January 1, for staff who choose to leave the public sector.
""",
    "gold": {
        "officials": [
            P("Nguyen Van Thang", "Nguyễn Văn Thắng", "Minister of Finance"),
            P("Do Duc Duy", "Đỗ Đức Duy", "Minister of Agriculture and Environment"),
            P("Pham Minh Chinh", "Phạm Minh Chính", "Prime Minister"),
            P("Nguyen Hoa Binh", "Nguyễn Hòa Bình", "Permanent Deputy Prime Minister"),
            P("Pham Thi Thanh Tra", "Phạm Thị Thanh Trà", "Minister of Home Affairs"),
        ],
        "bodies": [
            NA, GOV, B("Ministry of Planning and Investment", "MPI"), MOF, B("Ministry of Transport", "MoT"), MOC,
            B("Ministry of Natural Resources and Environment", "MONRE"),
            B("Ministry of Agriculture and Rural Development", "MARD"), MAE,
            B("Ministry of Information and Communications", "MIC"), MOST,
            B("Ministry of Labour, Invalids and Social Affairs", "MOLISA", "Ministry of Labor, Invalids and Social Affairs"),
        ],
        "unit_counts": [
            U(30, "ministries, ministerial-level agencies and Government agencies"),
            U(22, "ministries, ministerial-level agencies and Government agencies"),
            U(14, "ministries"), U(3, "ministerial-level agencies"),
            U(8, "agencies under the Government"), U(5, "agencies under the Government"),
            U(13, "general departments"), U(519, "departments"), U(219, "public service units"),
        ],
        "deadlines": [
            D("2025-03-01", "new ministries officially operate"),
            D("2025-02-28", "decrees on functions finalised"),
        ],
        "optional": {
            "bodies": [MOHA, B("ninth extraordinary session"), B("VOV", "Voice of Vietnam")],
            "unit_counts": [U(464, "deputies present"), U(461, "deputies voting in favour")],
            "deadlines": [D("2025-01-01", "Decree 178 took effect (past)")],
        },
    },
})

# ---------------------------------------------------------------- c04 VnExpress
ARTICLES.append({
    "id": "c04", "outlet": "VnExpress International", "published": "2025-07-08",
    "url": "https://example.org/vnexpress/news/politics/gia-lai-gets-acting-chairman-after-merger",
    "note": "Invented local officials. Titles = positions after the decision (acting chairman = new post). Announced Monday July 7 (past).",
    "text": """
Gia Lai gets acting chairman after merger

Tran Quang Vinh, 52, Director of the Department of Home Affairs of Gia Lai Province, has been appointed acting Chairman of the provincial People's Committee, replacing a leader who asked to retire early.

The decision was announced Monday at a meeting of the Standing Board of the Gia Lai Provincial Party Committee in Quy Nhon Ward, the new provincial seat.

Vinh, a native of the former Binh Dinh Province, holds a doctorate in public administration and previously served as deputy head of the Binh Dinh Provincial Party Committee's Organisation Commission. He will run the provincial administration until the Gia Lai People's Council elects a new chairman at an extraordinary session scheduled for July 18.

His predecessor, Ho Minh Tri, 61, who had chaired the provincial People's Committee since the merger took effect on July 1, will retire from August 1 under Decree 178 on policies for officials affected by the restructuring. Tri has spent more than 35 years in public service.

Ms Dinh Thi Lan, Chairwoman of the Gia Lai People's Council, said the session would also approve the province's socio-economic plan for the rest of the 2021–2026 term.

The new Gia Lai, formed by merging Gia Lai and Binh Dinh, covers over 21,500 square kilometers and has a population of nearly 3.6 million. It has 135 commune-level administrative units, including 25 wards and 110 communes.

Under a Politburo plan, provincial leaders will be reviewed again before the provincial Party congress for the 2025–2030 term, expected to take place in October.

According to the Ministry of Home Affairs, as of July 5, all 34 provinces and cities had appointed the heads of their new departments.
""",
    "gold": {
        "officials": [
            P("Tran Quang Vinh", "Trần Quang Vinh", "acting Chairman of the Gia Lai Provincial People's Committee"),
            P("Ho Minh Tri", "Hồ Minh Trí", "Chairman of the Gia Lai Provincial People's Committee"),
            P("Dinh Thi Lan", "Đinh Thị Lan", "Chairwoman of the Gia Lai Provincial People's Council"),
        ],
        "bodies": [
            B("Gia Lai Department of Home Affairs", "Department of Home Affairs of Gia Lai Province",
              "Gia Lai Provincial Department of Home Affairs"),
            prov_ppc("Gia Lai"), prov_psc("Gia Lai"), prov_pc("Gia Lai"),
            B("Organisation Commission of the Binh Dinh Provincial Party Committee",
              "Binh Dinh Provincial Party Committee's Organisation Commission"),
            prov_pcl("Gia Lai"), POLITBURO, MOHA,
        ],
        "unit_counts": [
            U(135, "commune-level administrative units"), U(25, "wards"), U(110, "communes"),
            U(34, "provinces and cities"),
        ],
        "deadlines": [
            D("2025-07-18", "extraordinary People's Council session to elect chairman"),
            D("2025-08-01", "Ho Minh Tri retires"),
            D("2021/2026", "current People's Council term"),
            D("2025-10", "provincial Party congress expected in October"),
            D("2025/2030", "Party congress term"),
        ],
        "optional": {
            "bodies": [prov_pc("Binh Dinh")],
            "deadlines": [D("2025-07-01", "merger took effect (reported as past)")],
        },
    },
})

# ---------------------------------------------------------------- c05 Nhan Dan
ARTICLES.append({
    "id": "c05", "outlet": "Nhan Dan", "published": "2025-09-24",
    "url": "https://example.org/nhandan/politics/lang-son-provincial-party-congress-opens-2025-2030",
    "note": "Invented local officials. Congress Sept 23-25 (ongoing/scheduled, like dev p040). Politburo/NA appear only in titles: optional.",
    "text": """
Lang Son Provincial Party Congress opens for 2025-2030 term

NDO – The 18th Congress of the Lang Son Provincial Party Organisation for the 2025-2030 term opened on September 23 and will run until September 25, with 300 delegates representing more than 63,000 Party members in 46 Party organisations directly under the Provincial Party Committee.

Attending the congress were Politburo member and National Assembly Chairman Tran Thanh Man, together with leaders of central agencies and neighbouring provinces.

Delivering the opening speech, Hoang Van Nam, Secretary of the Lang Son Provincial Party Committee, said that over the past term the province's GRDP grew by 6.2 percent a year and the poverty rate fell to 4.1 percent.

Following the two-level local government model, which took effect on July 1, Lang Son now has 65 commune-level units, including 61 communes and four wards, reduced from 200.

The draft political report sets the target of raising GRDP per capita to US$5,000 by 2030 and turning Lang Son into a hub for trade and logistics on the Vietnam–China border, with a vision to 2045.

Speaking at the congress, Chairman Tran Thanh Man asked Lang Son to speed up the Dong Dang – Tra Linh expressway so that it is completed before the end of 2026, and to keep the border gates open during the peak season for farm exports.

Nguyen Thi Hue, Standing Deputy Secretary of the Provincial Party Committee and Chairwoman of the Provincial People's Council, presented the report on personnel. The congress will elect the 53-member Provincial Party Committee for the new term and 19 delegates to the 14th National Party Congress.

Lang Son, which borders China's Guangxi Zhuang Autonomous Region, was one of the 11 provincial-level units that kept their boundaries in the 2025 reorganisation.
""",
    "gold": {
        "officials": [
            P("Tran Thanh Man", "Trần Thanh Mẫn", "Chairman of the National Assembly"),
            P("Hoang Van Nam", "Hoàng Văn Nam", "Secretary of the Lang Son Provincial Party Committee"),
            P("Nguyen Thi Hue", "Nguyễn Thị Huệ", "Standing Deputy Secretary of the Lang Son Provincial Party Committee"),
        ],
        "bodies": [prov_pc("Lang Son"), prov_pcl("Lang Son", "Provincial People's Council")],
        "unit_counts": [
            U(46, "Party organisations directly under the Provincial Party Committee"),
            U(65, "commune-level units"), U(61, "communes"), U(4, "wards"), U(200, "commune-level units"),
            U(11, "provincial-level units"),
        ],
        "deadlines": [
            D("2025/2030", "congress term"),
            D("2025-09-23/2025-09-25", "18th Congress of the Lang Son Provincial Party Organisation"),
            D("2030", "GRDP per capita US$5,000"),
            D("2045", "vision to 2045"),
            D("2026", "expressway completed before the end of 2026"),
        ],
        "optional": {
            "bodies": [POLITBURO, NA, CPV,
                       B("18th Congress of the Lang Son Provincial Party Organisation", "Lang Son Provincial Party Congress"),
                       B("14th National Party Congress"), B("Lang Son Provincial Party Organisation"),
                       B("Guangxi Zhuang Autonomous Region")],
            "unit_counts": [U(300, "delegates"), U(63000, "Party members"), U(53, "members"), U(19, "delegates")],
            "deadlines": [D("2026-12", "end of 2026 as month"), D("2026-12-31", "end of 2026 as day"),
                          D("2025-07-01", "two-level model took effect (past)"), D("2025", "2025 reorganisation"),
                          D("2025-09-23", "congress opening day"), D("2025-09-25", "congress closing day")],
        },
    },
})

# ---------------------------------------------------------------- c06 VGP
ARTICLES.append({
    "id": "c06", "outlet": "Government portal (VGP)", "published": "2025-07-21",
    "url": "https://example.org/baochinhphu/pm-orders-removal-of-bottlenecks-in-two-level-local-government",
    "note": "PM official dispatch; 'as of July 18' and 'July 5' meeting are distractors; 'by the end of 2025' -> 2025 (month/day optional).",
    "text": """
PM orders removal of bottlenecks in two-level local government

VGP – Prime Minister Pham Minh Chinh has signed Official Dispatch No. 112/CD-TTg requesting ministries, agencies and localities to promptly remove difficulties arising in the operation of the two-level local government model.

According to the Ministry of Home Affairs (MoHA), as of July 18, all 3,321 communes, wards and special zones in 34 provinces and cities had put their public administration service centres into operation, handling more than 1.2 million dossiers.

However, some communes still lack specialised staff in land administration, construction and information technology, while the transfer of records from the 696 former district-level units has been slow, the dispatch noted, citing reports discussed at the Government's regular meeting on July 5.

The Prime Minister asked MoHA to complete guidance on job positions for commune-level officials no later than August 15, and the Ministry of Finance to allocate an additional VND5 trillion (US$190 million) to localities before August 31.

The Ministry of Science and Technology is tasked with ensuring that, by the end of 2025, all eligible administrative procedures are provided as full-process online public services.

Provincial People's Committees must review and reallocate surplus public assets, including more than 4,000 vacant headquarters, and report to the Prime Minister by September 15. Benefits for officials leaving the public sector under Decree 178 and Decree 67 must be paid in full before September 30.

Permanent Deputy Prime Minister Nguyen Hoa Binh was assigned to directly oversee the implementation, while the Government Office will monitor and urge ministries and localities and report weekly.
""",
    "gold": {
        "officials": [
            P("Pham Minh Chinh", "Phạm Minh Chính", "Prime Minister"),
            P("Nguyen Hoa Binh", "Nguyễn Hòa Bình", "Permanent Deputy Prime Minister"),
        ],
        "bodies": [MOHA, GOV, MOF, MOST, B("Government Office", "Office of the Government")],
        "unit_counts": [
            U(3321, "communes, wards and special zones"), U(34, "provinces and cities"),
            U(696, "former district-level units"), U(4000, "vacant headquarters"),
        ],
        "deadlines": [
            D("2025-08-15", "MoHA guidance on job positions"),
            D("2025-08-31", "Ministry of Finance allocates funding"),
            D("2025", "full-process online public services by the end of 2025"),
            D("2025-09-15", "report on surplus public assets"),
            D("2025-09-30", "Decree 178/67 benefits paid in full"),
        ],
        "optional": {
            "bodies": [B("Provincial People's Committees", "Provincial People's Committee"),
                       B("public administration service centres", "public administration service centre")],
            "deadlines": [D("2025-12", "end of 2025 as month"), D("2025-12-31", "end of 2025 as day")],
        },
    },
})

# ---------------------------------------------------------------- c07 Tuoi Tre
ARTICLES.append({
    "id": "c07", "outlet": "Tuoi Tre News", "published": "2025-07-03",
    "url": "https://example.org/tuoitrenews/news/hcmc-finalises-structure-of-168-wards-communes-special-zone",
    "note": "New HCMC (with Binh Duong, Ba Ria-Vung Tau): 168 = 113 wards + 54 communes + 1 special zone. '11/7' is day-first (July 11). Vo Thi Thanh Huong invented.",
    "text": """
HCMC finalises structure of 168 wards, communes and special zone

Ho Chi Minh City, which has absorbed Binh Duong and Ba Ria-Vung Tau provinces, now has 168 commune-level administrative units: 113 wards, 54 communes and one special zone, Con Dao.

At a meeting with the new commune-level leaders on July 2, Tran Luu Quang, Secretary of the Ho Chi Minh City Party Committee, said the city's administration was now "closer to the people than ever" and urged ward and commune secretaries to resolve residents' requests on the spot.

Nguyen Van Duoc, Chairman of the municipal People's Committee, said the city had reassigned about 2,000 officials from its 22 former district-level units to the new wards and communes.

The municipal People's Committee will hold a review conference on 11/7 to evaluate the first ten days of operation, and the new wards and communes must complete the relocation of their headquarters before September 30, Duoc said.

Ms Vo Thi Thanh Huong, Director of the HCMC Department of Home Affairs, said the municipal Public Administration Service Centre had opened 40 branches so residents of the former Binh Duong and Ba Ria-Vung Tau can still process documents near their homes.

The merged city, covering 6,772 square kilometers with about 14 million residents, is expected to finish drafting its master plan for the 2025–2030 period with a vision to 2050 by the end of this year.

The first congress of the Ho Chi Minh City Party Committee is scheduled for October, according to the city's Party Committee.
""",
    "gold": {
        "officials": [
            P("Tran Luu Quang", "Trần Lưu Quang", "Secretary of the Ho Chi Minh City Party Committee"),
            P("Nguyen Van Duoc", "Nguyễn Văn Được", "Chairman of the Ho Chi Minh City People's Committee"),
            P("Vo Thi Thanh Huong", "Võ Thị Thanh Hương", "Director of the HCMC Department of Home Affairs"),
        ],
        "bodies": [
            B("Ho Chi Minh City Party Committee", "HCMC Party Committee", "city's Party Committee",
              "Party Committee of Ho Chi Minh City", "Ho Chi Minh City Municipal Party Committee"),
            B("Ho Chi Minh City People's Committee", "municipal People's Committee", "HCMC People's Committee",
              "People's Committee of Ho Chi Minh City"),
            B("HCMC Department of Home Affairs", "Ho Chi Minh City Department of Home Affairs",
              "Department of Home Affairs"),
            B("Ho Chi Minh City Public Administration Service Centre", "municipal Public Administration Service Centre",
              "Public Administration Service Centre", "HCMC Public Administration Service Centre"),
        ],
        "unit_counts": [
            U(168, "commune-level administrative units"), U(113, "wards"), U(54, "communes"), U(1, "special zone"),
            U(22, "former district-level units"), U(40, "branches"),
        ],
        "deadlines": [
            D("2025-07-11", "review conference on 11/7"),
            D("2025-09-30", "relocation of headquarters completed"),
            D("2025/2030", "master plan period"),
            D("2050", "master plan vision"),
            D("2025", "master plan drafted by the end of this year"),
            D("2025-10", "first congress of the HCMC Party Committee"),
        ],
        "optional": {
            "bodies": [B("first congress of the Ho Chi Minh City Party Committee")],
            "unit_counts": [U(168, "wards, communes and special zone"), U(2000, "officials"), U(14000000, "residents")],
            "deadlines": [D("2025-12", "end of this year as month"), D("2025-12-31", "end of this year as day")],
        },
    },
})

# ---------------------------------------------------------------- c08 Hanoi Times
ARTICLES.append({
    "id": "c08", "outlet": "Hanoi Times", "published": "2025-02-21",
    "url": "https://example.org/hanoitimes/hanoi-cuts-specialised-agencies-from-21-to-15",
    "note": "Hanoi People's Council (Feb 19, past) reorganises departments 21 -> 15. Do Thi Thu Ha invented. Departments named without 'Hanoi' keep as-written aliases.",
    "text": """
Hanoi cuts specialised agencies from 21 to 15

The Hanoi People's Council on February 19 approved the reorganisation of specialised agencies under the municipal People's Committee, reducing their number from 21 to 15 as part of the national drive to streamline the apparatus.

Under the resolution, adopted at an extraordinary session, the Department of Planning and Investment is merged into the Department of Finance, the Department of Transport is merged into the Department of Construction, and the Department of Natural Resources and Environment merges with the Department of Agriculture and Rural Development to form the Department of Agriculture and Environment. The Department of Information and Communications is dissolved, with its functions transferred to the Department of Science and Technology and the Department of Culture and Sports.

Chairman of the Hanoi People's Council Nguyen Ngoc Tuan said the new departments would start operating from March 1, 2025, and that the number of divisions under them would fall by 103.

Chairman of the municipal People's Committee Tran Sy Thanh asked department directors to complete the transfer of staff, assets and records before March 15, and to finalise job position schemes no later than April 30.

According to Do Thi Thu Ha, Director of the Hanoi Department of Finance, the merged department has 24 divisions and nearly 1,000 employees.

The Standing Board of the Hanoi Party Committee has also asked the city's 30 district-level units to cut their specialised offices by at least 15 percent. The streamlining is expected to save the city about VND120 billion (US$4.7 million) a year.
""",
    "gold": {
        "officials": [
            P("Nguyen Ngoc Tuan", "Nguyễn Ngọc Tuấn", "Chairman of the Hanoi People's Council"),
            P("Tran Sy Thanh", "Trần Sỹ Thanh", "Chairman of the Hanoi People's Committee"),
            P("Do Thi Thu Ha", "Đỗ Thị Thu Hà", "Director of the Hanoi Department of Finance"),
        ],
        "bodies": [
            B("Hanoi People's Council", "People's Council of Hanoi", "Hanoi City People's Council"),
            B("Hanoi People's Committee", "municipal People's Committee", "Hanoi City People's Committee",
              "People's Committee of Hanoi"),
            B("Hanoi Department of Planning and Investment", "Department of Planning and Investment"),
            B("Hanoi Department of Finance", "Department of Finance"),
            B("Hanoi Department of Transport", "Department of Transport"),
            B("Hanoi Department of Construction", "Department of Construction"),
            B("Hanoi Department of Natural Resources and Environment", "Department of Natural Resources and Environment"),
            B("Hanoi Department of Agriculture and Rural Development", "Department of Agriculture and Rural Development"),
            B("Hanoi Department of Agriculture and Environment", "Department of Agriculture and Environment"),
            B("Hanoi Department of Information and Communications", "Department of Information and Communications"),
            B("Hanoi Department of Science and Technology", "Department of Science and Technology"),
            B("Hanoi Department of Culture and Sports", "Department of Culture and Sports"),
            B("Standing Committee of the Hanoi Party Committee", "Standing Board of the Hanoi Party Committee",
              "Hanoi Party Committee Standing Committee"),
            B("Hanoi Party Committee", "Hanoi Municipal Party Committee", "Party Committee of Hanoi"),
        ],
        "unit_counts": [
            U(21, "specialised agencies"), U(15, "specialised agencies"), U(103, "divisions"), U(24, "divisions"),
            U(30, "district-level units"),
        ],
        "deadlines": [
            D("2025-03-01", "new departments start operating"),
            D("2025-03-15", "transfer of staff, assets, records"),
            D("2025-04-30", "job position schemes finalised"),
        ],
        "optional": {
            "unit_counts": [U(1000, "employees")],
        },
    },
})

# ---------------------------------------------------------------- c09 VietnamPlus
ARTICLES.append({
    "id": "c09", "outlet": "VietnamPlus", "published": "2025-05-14",
    "url": "https://example.org/vietnamplus/vietnam-laos-boost-cooperation-in-home-affairs",
    "note": "Foreign officials (Lao minister, ambassador). Visit May 12-16 (ongoing) optional. Talks May 13 past.",
    "text": """
Vietnam, Laos boost cooperation in home affairs

Hanoi (VNA) – Minister of Home Affairs Pham Thi Thanh Tra held talks in Hanoi on May 13 with Lao Minister of Home Affairs Vilayvong Boudakham, who is on a working visit to Vietnam from May 12 to 16.

Minister Tra briefed her guest on Vietnam's ongoing restructuring, under which the country will reduce its provincial-level administrative units from 63 to 34 and end the operation of the district level from July 1, 2025. The number of commune-level units is expected to fall by 60-70 percent.

Vilayvong said Laos, which has 17 provinces and one capital, is studying Vietnam's experience as it reviews its own local administration system, and thanked the Vietnamese ministry for training Lao officials over many years.

The two sides agreed to implement their cooperation plan for the 2025–2030 period, under which Vietnam's Ministry of Home Affairs will train about 150 Lao officials each year in public administration and civil service management. They also agreed to hold the next ministerial meeting in Vientiane in March 2026.

Attending the talks were Deputy Minister of Home Affairs Vu Chien Thang and Lao Ambassador to Vietnam Khamphao Ernthavanh.

Also on May 13, the Lao minister paid a courtesy call on Permanent Deputy Prime Minister Nguyen Hoa Binh, who asked the two ministries to expand cooperation in the archives sector and in emulation and commendation work.

Vietnam and Laos signed the Treaty of Amity and Cooperation in 1977. The two countries' home affairs ministries have cooperated under annual plans since 2011./.
""",
    "gold": {
        "officials": [
            P("Pham Thi Thanh Tra", "Phạm Thị Thanh Trà", "Minister of Home Affairs"),
            {"name": "Vilayvong Boudakham", "aliases": ["Vilayvong Bouddakham", "Vilayvong"],
             "title": "Lao Minister of Home Affairs"},
            P("Vu Chien Thang", "Vũ Chiến Thắng", "Deputy Minister of Home Affairs"),
            {"name": "Khamphao Ernthavanh", "aliases": [], "title": "Lao Ambassador to Vietnam"},
            P("Nguyen Hoa Binh", "Nguyễn Hòa Bình", "Permanent Deputy Prime Minister"),
        ],
        "bodies": [MOHA],
        "unit_counts": [
            U(63, "provincial-level administrative units"), U(34, "provincial-level administrative units"),
            U(17, "provinces"),
        ],
        "deadlines": [
            D("2025-07-01", "district level ends"),
            D("2025/2030", "cooperation plan period"),
            D("2026-03", "next ministerial meeting in Vientiane"),
        ],
        "optional": {
            "bodies": [B("VNA", "Vietnam News Agency"), B("Lao Ministry of Home Affairs", "Ministry of Home Affairs of Laos")],
            "unit_counts": [U(1, "capital"), U(150, "Lao officials")],
            "deadlines": [D("2025-05-12/2025-05-16", "working visit (in progress)")],
        },
    },
})

# ---------------------------------------------------------------- c10 VNS
ARTICLES.append({
    "id": "c10", "outlet": "Viet Nam News", "published": "2025-07-12",
    "url": "https://example.org/vns/politics-laws/na-standing-committee-sets-dates-for-10th-session-national-elections",
    "note": "NASC meeting Friday (11/7, past, day-first). '15/8' day-first deadline. Election March 15, 2026, 2026-2031 term.",
    "text": """
NA Standing Committee sets dates for 10th session, national elections

HÀ NỘI — The 10th session of the 15th National Assembly will open on October 20 and is expected to close on December 11, the NA Standing Committee decided at its meeting on Friday (11/7).

The session, the last of the current tenure, will consider a record number of draft laws, NA Chairman Trần Thanh Mẫn said. He asked the Government to submit all draft laws to the NA Standing Committee by 15/8 for preliminary review.

The Standing Committee also approved a plan for the election of deputies to the 16th National Assembly and to People's Councils at all levels for the 2026–2031 term, to be held on Sunday, March 15, 2026.

Under the plan, the National Election Council will be elected at the 10th session, and the number of deputies to the 16th National Assembly will remain at 500.

NA Vice Chairman Nguyễn Khắc Định, who is in charge of election preparations, said that after the reorganisation, elections will be held in 34 provinces and cities and 3,321 communes, wards and special zones, with no district-level People's Councils.

Minister of Home Affairs Phạm Thị Thanh Trà said her ministry would issue guidance on the allocation of People's Council seats before October 31.

The Central Committee of the Việt Nam Fatherland Front will begin the first round of consultations on candidates in December, she added.

The 15th National Assembly was elected in May 2021 and has so far held nine regular and extraordinary sessions. — VNS
""",
    "gold": {
        "officials": [
            P("Trần Thanh Mẫn", "Tran Thanh Man", "Chairman of the National Assembly"),
            P("Nguyễn Khắc Định", "Nguyen Khac Dinh", "Vice Chairman of the National Assembly"),
            P("Phạm Thị Thanh Trà", "Pham Thi Thanh Tra", "Minister of Home Affairs"),
        ],
        "bodies": [
            NA, NASC, GOV, B("National Election Council", "Election Council"),
            B("Vietnam Fatherland Front Central Committee", "Central Committee of the Việt Nam Fatherland Front",
              "Central Committee of the Vietnam Fatherland Front", "VFF Central Committee"),
            VFF,
        ],
        "unit_counts": [
            U(34, "provinces and cities"), U(3321, "communes, wards and special zones"),
        ],
        "deadlines": [
            D("2025-10-20/2025-12-11", "10th session of the 15th NA"),
            D("2025-08-15", "Government submits draft laws (15/8)"),
            D("2026-03-15", "election day"),
            D("2026/2031", "term of the 16th NA and People's Councils"),
            D("2025-10-31", "MoHA guidance on People's Council seats"),
            D("2025-12", "first round of consultations on candidates"),
        ],
        "optional": {
            "bodies": [MOHA, B("16th National Assembly"), B("10th session", "10th session of the 15th National Assembly"),
                       B("People's Councils", "People's Councils at all levels", "People's Council")],
            "unit_counts": [U(500, "deputies")],
            "deadlines": [D("2021/2026", "current tenure (not stated as years)"), D("2025-10-20", "session opening"),
                          D("2025-12-11", "session close")],
        },
    },
})

# ---------------------------------------------------------------- c11 VOV
ARTICLES.append({
    "id": "c11", "outlet": "VOV", "published": "2025-06-18",
    "url": "https://example.org/vov/politics/quang-ninh-to-trial-run-new-commune-level-apparatus",
    "note": "Invented local officials. 'June 19 and 20' trial run -> interval (single days optional). Number words for wards/communes/zones.",
    "text": """
Quang Ninh to trial run new commune-level apparatus on June 19 and 20

VOV.VN - Quang Ninh province will run a trial of its new commune-level government apparatus on June 19 and 20, ahead of the official launch from July 1, the Standing Board of the Provincial Party Committee announced on June 17.

Under a resolution of the National Assembly Standing Committee, the northeastern province has reorganised its 171 commune-level administrative units into 54, comprising thirty wards, twenty-two communes and two special zones, Van Don and Co To.

Ngo Xuan Truong, Secretary of the Quang Ninh Provincial Party Committee, said the trial run would test the handling of administrative procedures, the online document system and video conferencing between the province and the new units.

Ms Trinh Thu Hang, Chairwoman of the Quang Ninh Provincial People's Council, said the council will hold a thematic session on June 26 to approve the personnel of the new wards, communes and special zones.

The provincial People's Committee has also set up 54 public administration service centres, one in each new unit. Cao Minh Duc, acting Chairman of the provincial People's Committee, asked departments to complete the handover of records from the 13 former district-level units before June 28.

Each new commune-level unit will have about 20 to 25 civil servants, Mr Duc said, adding that no official would be left without a job.

Quang Ninh is one of 11 provinces and cities that keep their boundaries in the national reorganisation, which reduces the number of provincial-level units from 63 to 34.
""",
    "gold": {
        "officials": [
            P("Ngo Xuan Truong", "Ngô Xuân Trường", "Secretary of the Quang Ninh Provincial Party Committee"),
            P("Trinh Thu Hang", "Trịnh Thu Hằng", "Chairwoman of the Quang Ninh Provincial People's Council"),
            P("Cao Minh Duc", "Cao Minh Đức", "acting Chairman of the Quang Ninh Provincial People's Committee"),
        ],
        "bodies": [prov_psc("Quang Ninh"), prov_pc("Quang Ninh"), NASC, NA, prov_pcl("Quang Ninh"), prov_ppc("Quang Ninh")],
        "unit_counts": [
            U(171, "commune-level administrative units"), U(54, "commune-level administrative units"),
            U(30, "wards"), U(22, "communes"), U(2, "special zones"),
            U(54, "public administration service centres"),
            U(13, "former district-level units"),
            U(11, "provinces and cities"), U(63, "provincial-level units"), U(34, "provincial-level units"),
        ],
        "deadlines": [
            D("2025-06-19/2025-06-20", "trial run of the new commune-level apparatus"),
            D("2025-07-01", "official launch"),
            D("2025-06-26", "People's Council thematic session"),
            D("2025-06-28", "handover of records from former districts"),
        ],
        "optional": {
            "unit_counts": [U(25, "civil servants"), U(20, "civil servants")],
            "deadlines": [D("2025-06-19", "first trial day"), D("2025-06-20", "second trial day")],
        },
    },
})

# ---------------------------------------------------------------- c12 VnExpress
ARTICLES.append({
    "id": "c12", "outlet": "VnExpress International", "published": "2025-03-01",
    "url": "https://example.org/vnexpress/news/police-abolish-district-level-chinese-minister-visits",
    "note": "Hoang Trung Kien invented. Ceremony 'Friday' (Feb 28) past. Born 1966, 38 years of service are distractors.",
    "text": """
Vietnam police abolish district level as Chinese security minister visits

Vietnam's police force officially switched to a three-level model from March 1, abolishing 694 district-level police units and transferring their tasks to the 63 provincial-level police departments and to commune-level police.

The change was announced by General Luong Tam Quang, Minister of Public Security, at a ceremony in Hanoi on Friday. Under a Politburo conclusion, the Ministry of Public Security has also removed six general departments, cut 55 departments at ministry level and 1,147 divisions at provincial police.

Quang said commune-level police must take over all residency and ID card procedures previously handled by district police no later than March 31.

Senior Lieutenant General Le Van Tuyen, Deputy Minister of Public Security, said no police officer would lose his or her job, and that surplus officers would be sent to commune-level police.

The restructuring comes as some senior officers retire early. Major General Hoang Trung Kien, 59, Director of the Thai Nguyen Provincial Police Department, will retire from April 1 under Decree 178, the ministry said. Kien, born in 1966, has 38 years of service.

On the same day, Quang received Chinese Minister of Public Security Wang Xiaohong, who is on an official visit to Vietnam. The two ministers agreed to run a joint campaign against cross-border online fraud from April 15 to June 30 and to set up a hotline between China's Ministry of Public Security and its Vietnamese counterpart.

Vietnam's police force had operated under a four-level model since the 1990s.
""",
    "gold": {
        "officials": [
            P("Luong Tam Quang", "Lương Tam Quang", "Minister of Public Security"),
            P("Le Van Tuyen", "Lê Văn Tuyến", "Deputy Minister of Public Security"),
            P("Hoang Trung Kien", "Hoàng Trung Kiên", "Director of the Thai Nguyen Provincial Police Department"),
            {"name": "Wang Xiaohong", "aliases": [], "title": "Chinese Minister of Public Security"},
        ],
        "bodies": [
            POLITBURO, B("Ministry of Public Security", "MPS", "Vietnamese Ministry of Public Security"),
            B("Thai Nguyen Provincial Police Department", "Thai Nguyen Police Department", "Thai Nguyen Provincial Police",
              "Thai Nguyen Police"),
            B("China's Ministry of Public Security", "Chinese Ministry of Public Security",
              "Ministry of Public Security of China"),
        ],
        "unit_counts": [
            U(694, "district-level police units"), U(63, "provincial-level police departments"),
            U(6, "general departments"), U(55, "departments"), U(1147, "divisions"),
        ],
        "deadlines": [
            D("2025-03-01", "three-level police model"),
            D("2025-03-31", "commune police take over residency and ID procedures"),
            D("2025-04-01", "Hoang Trung Kien retires"),
            D("2025-04-15/2025-06-30", "joint campaign against online fraud"),
        ],
        "optional": {},
    },
})

# ---------------------------------------------------------------- c13 Nhan Dan
ARTICLES.append({
    "id": "c13", "outlet": "Nhan Dan", "published": "2025-06-28",
    "url": "https://example.org/nhandan/politics/fatherland-front-and-socio-political-organisations-new-model-from-july-1",
    "note": "Secretariat decision on VFF structure; five socio-political organisations; conference June 27 (past); VFF term 2024-2029.",
    "text": """
Fatherland Front and socio-political organisations to operate under new model from July 1

NDO – The Secretariat has issued a decision on the functions, tasks and organisational structure of the agencies of the Viet Nam Fatherland Front Central Committee, under which five socio-political organisations will operate under the umbrella of the Front from July 1, 2025.

The five organisations are the Viet Nam General Confederation of Labour, the Ho Chi Minh Communist Youth Union, the Viet Nam Women's Union, the Viet Nam Farmers' Union and the Viet Nam Veterans' Association.

Speaking at a conference in Ha Noi on June 27 to announce the decision, Bui Thi Minh Hoai, Politburo member and President of the Viet Nam Fatherland Front Central Committee, said the arrangement would end overlapping functions and bring the Front closer to the people.

Under the new structure, the number of internal units of the Front's Central Committee and the central agencies of the mass organisations will be reduced from 125 to 54. At the provincial level, the Fatherland Front committees of the 34 provinces and cities must complete their restructuring before August 15.

Nguyen Dinh Khang, President of the Viet Nam General Confederation of Labour, said trade unions would keep their own charter and finances while coordinating more closely with the Front.

Nguyen Thi Thu Ha, Vice President of the Front's Central Committee, said that at the grassroots level, mass organisations would operate as branches of the Fatherland Front Committees in 3,321 communes, wards and special zones.

The Front will hold a conference to review the first six months of the new model in December 2025, within the 2024–2029 term set by its 10th National Congress in October 2024.
""",
    "gold": {
        "officials": [
            P("Bui Thi Minh Hoai", "Bùi Thị Minh Hoài", "President of the Viet Nam Fatherland Front Central Committee"),
            P("Nguyen Dinh Khang", "Nguyễn Đình Khang", "President of the Viet Nam General Confederation of Labour"),
            P("Nguyen Thi Thu Ha", "Nguyễn Thị Thu Hà", "Vice President of the Viet Nam Fatherland Front Central Committee"),
        ],
        "bodies": [
            SECRETARIAT,
            B("Viet Nam Fatherland Front Central Committee", "Vietnam Fatherland Front Central Committee",
              "Central Committee of the Viet Nam Fatherland Front", "Front's Central Committee", "VFF Central Committee"),
            VFF,
            B("Viet Nam General Confederation of Labour", "Vietnam General Confederation of Labour", "VGCL"),
            B("Ho Chi Minh Communist Youth Union", "Youth Union"),
            B("Viet Nam Women's Union", "Vietnam Women's Union"),
            B("Viet Nam Farmers' Union", "Vietnam Farmers' Union"),
            B("Viet Nam Veterans' Association", "Vietnam Veterans' Association", "Vietnam Veterans Association"),
        ],
        "unit_counts": [
            U(5, "socio-political organisations"),
            U(125, "internal units"), U(54, "internal units"),
            U(34, "provinces and cities"),
            U(3321, "communes, wards and special zones"),
        ],
        "deadlines": [
            D("2025-07-01", "new model from July 1, 2025"),
            D("2025-08-15", "provincial Fatherland Front committees restructured"),
            D("2025-12", "review conference"),
            D("2024/2029", "VFF term"),
        ],
        "optional": {
            "bodies": [POLITBURO, B("Fatherland Front Committees", "Fatherland Front committees", "Fatherland Front Committee"),
                       B("10th National Congress")],
            "unit_counts": [U(34, "Fatherland Front committees")],
        },
    },
})

# ---------------------------------------------------------------- c14 VGP
ARTICLES.append({
    "id": "c14", "outlet": "Government portal (VGP)", "published": "2025-08-28",
    "url": "https://example.org/baochinhphu/permanent-deputy-pm-chairs-meeting-on-adjusting-national-master-plan",
    "note": "Meeting Aug 27 (past). '15/9' day-first. Approval of plan Jan 2023 past. Six regions optional.",
    "text": """
Permanent Deputy PM chairs meeting on adjusting national master plan

VGP – Permanent Deputy Prime Minister Nguyen Hoa Binh on August 27 chaired a meeting of the State Appraisal Council for the adjusted National Master Plan for 2021–2030, with a vision to 2050, which reflects the new map of 34 provinces and cities.

Minister of Finance Nguyen Van Thang, Vice Chairman of the council, said the adjusted plan reorganises the country's development space into six socio-economic regions and identifies 13 provinces and cities as growth poles. Following the abolition of 696 districts, the plan also redraws the network of urban centres and industrial parks.

Deputy Prime Minister Tran Hong Ha said the adjusted provincial plans of the 23 newly merged provinces and cities must be approved before December 31, so that localities have a legal basis for attracting investment from 2026.

Concluding the meeting, the Permanent Deputy PM asked the Ministry of Finance to finalise the dossier and submit it to the Government by 15/9, so that it can be presented to the National Assembly at its 10th session opening on October 20.

He also requested the Ministry of Agriculture and Environment and the Ministry of Construction to update land-use and urban development targets for the 2026–2030 period, ensuring consistency with the Politburo's resolutions on science and technology and on private economic development.

The current National Master Plan was adopted by the National Assembly in January 2023, with an average GDP growth target of about 7 percent a year.
""",
    "gold": {
        "officials": [
            P("Nguyen Hoa Binh", "Nguyễn Hòa Bình", "Permanent Deputy Prime Minister"),
            P("Nguyen Van Thang", "Nguyễn Văn Thắng", "Minister of Finance"),
            P("Tran Hong Ha", "Trần Hồng Hà", "Deputy Prime Minister"),
        ],
        "bodies": [
            B("State Appraisal Council for the adjusted National Master Plan", "State Appraisal Council",
              "State Appraisal Council for the National Master Plan"),
            MOF, GOV, NA, MAE, MOC, POLITBURO,
        ],
        "unit_counts": [
            U(34, "provinces and cities"), U(13, "provinces and cities"), U(696, "districts"),
            U(23, "newly merged provinces and cities"),
        ],
        "deadlines": [
            D("2021/2030", "National Master Plan period"),
            D("2050", "vision to 2050"),
            D("2025-12-31", "adjusted provincial plans approved"),
            D("2025-09-15", "dossier submitted to the Government (15/9)"),
            D("2025-10-20", "NA 10th session opens"),
            D("2026/2030", "land-use targets period"),
        ],
        "optional": {
            "bodies": [B("10th session")],
            "unit_counts": [U(6, "socio-economic regions")],
            "deadlines": [D("2026", "investment from 2026")],
        },
    },
})

# ---------------------------------------------------------------- c15 Tuoi Tre
ARTICLES.append({
    "id": "c15", "outlet": "Tuoi Tre News", "published": "2025-07-05",
    "url": "https://example.org/tuoitrenews/news/new-can-tho-city-begins-with-103-communes-and-wards",
    "note": "Invented local officials. New Can Tho (with Hau Giang, Soc Trang): 103 = 31 wards + 72 communes (number words). July 1 launch past -> optional.",
    "text": """
New Can Tho City begins with 103 communes and wards

The new Can Tho City, created by merging the former Can Tho with Hau Giang and Soc Trang provinces, officially launched its two-level government on July 1 with thirty-one wards and seventy-two communes.

The number of commune-level units in the three localities fell from 261 to 103, while all district-level administrations were dissolved.

Le Thanh Son, 55, Secretary of the Can Tho City Party Committee, told Tuoi Tre that the first days of operation had gone smoothly, with most residents able to complete paperwork at their new ward or commune offices.

Mr Son said the city's first Party Congress for the 2025–2030 term is scheduled from September 24 to 26, and that the Standing Board of the city Party Committee would finalise the personnel plan in August.

Huynh Van Phuc, Chairman of the city People's Committee, said the city would complete the arrangement of public housing for officials relocating from the former provincial centres of Vi Thanh and Soc Trang before October 1. Around 1,200 officials currently commute more than 60 kilometers each day.

Ms Lam Thi Kim Ngan, Chairwoman of the Can Tho City People's Council, said the council would hold a session in mid-July to approve the city's budget adjustments.

The merged city covers 6,360 square kilometers and has nearly 4.2 million residents. It aims to become a centre for finance, logistics and high-tech agriculture of the Mekong Delta by 2030.

Can Tho was separated from Hau Giang to become a centrally-run city in 2004.
""",
    "gold": {
        "officials": [
            P("Le Thanh Son", "Lê Thanh Sơn", "Secretary of the Can Tho City Party Committee"),
            P("Huynh Van Phuc", "Huỳnh Văn Phúc", "Chairman of the Can Tho City People's Committee"),
            P("Lam Thi Kim Ngan", "Lâm Thị Kim Ngân", "Chairwoman of the Can Tho City People's Council"),
        ],
        "bodies": [
            B("Can Tho City Party Committee", "city Party Committee", "Party Committee of Can Tho City",
              "Can Tho Party Committee"),
            B("Standing Committee of the Can Tho City Party Committee", "Standing Board of the city Party Committee",
              "Standing Board of the Can Tho City Party Committee", "Can Tho City Party Standing Committee",
              "Standing Committee of the Can Tho Party Committee"),
            B("Can Tho City People's Committee", "city People's Committee", "People's Committee of Can Tho City",
              "Can Tho People's Committee"),
            B("Can Tho City People's Council", "People's Council of Can Tho City", "Can Tho People's Council"),
        ],
        "unit_counts": [
            U(103, "communes and wards"), U(31, "wards"), U(72, "communes"), U(261, "commune-level units"),
        ],
        "deadlines": [
            D("2025/2030", "Party Congress term"),
            D("2025-09-24/2025-09-26", "first Can Tho City Party Congress"),
            D("2025-08", "personnel plan finalised in August"),
            D("2025-10-01", "public housing for relocating officials"),
            D("2030", "regional centre target"),
        ],
        "optional": {
            "bodies": [B("first Party Congress", "city's first Party Congress")],
            "unit_counts": [U(103, "commune-level units"), U(1200, "officials"), U(4200000, "residents"),
                            U(3, "localities")],
            "deadlines": [D("2025-07-01", "launch (reported as past)"), D("2025-07", "council session in mid-July"),
                          D("2025-09-24", "congress start"), D("2025-09-26", "congress end")],
        },
    },
})
