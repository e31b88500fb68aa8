"""Demo content of the internal blog (German, some English), written for this project.

Compact notation, turned into pages by ``internal/demo.py``:
``departments`` and ``locations`` name the audience (empty: all staff).
"""

INDEX_INTRO = (
    "Neuigkeiten für alle bei Nordlicht: Entscheidungen, Termine, Richtlinien – "
    "und was in Husum, Kiel und Hamburg gerade los ist."
)
INDEX_INTRO_EN = (
    "News for everyone at Nordlicht: decisions, dates and policies, and what is "
    "happening in Husum, Kiel and Hamburg right now."
)

POLICY_DOCUMENT = {
    "title": "Reisekostenrichtlinie 2026 (Volltext)",
    "filename": "reisekostenrichtlinie-2026.txt",
    "text": (
        "Nordlicht Systemtechnik GmbH – Reisekostenrichtlinie 2026\n\n"
        "1. Geltungsbereich: alle Dienstreisen ab dem 1. Juli 2026.\n"
        "2. Bahn vor Auto: Strecken unter 600 km fahren wir mit der Bahn (2. Klasse, "
        "BahnCard 50 stellt die Firma).\n"
        "3. Verpflegungspauschale nach den steuerlichen Sätzen; Belege über das "
        "Reisekostenportal bis zum 10. des Folgemonats.\n"
        "4. Hotels bis 120 Euro pro Nacht ohne Rückfrage, darüber mit Freigabe der "
        "Bereichsleitung.\n"
    ),
}

POSTS = [
    {
        "slug": "reisekostenrichtlinie-2026",
        "title": "Neue Reisekostenrichtlinie ab 1. Juli",
        "subtitle": "Bahn vor Auto, einfachere Abrechnung, klare Hotelgrenzen",
        "teaser": (
            "Ab Juli gilt eine überarbeitete Reisekostenrichtlinie. Bitte lest sie und "
            "bestätigt kurz, dass ihr sie kennt – das brauchen wir für die Prüfung."
        ),
        "authors": ["fatma-yilmaz", "ole-hansen"],
        "days_ago": 2,
        "must_read": True,
        "attachment": True,
        "body": [
            (
                "p",
                "<p>Die alte Richtlinie stammt aus einer Zeit, in der wir vierzehn Leute "
                "am Husumer Hafen waren. Heute reisen wir zwischen drei Standorten und zu "
                "Kundinnen in ganz Norddeutschland – und die Abrechnung hat zu viele "
                "Rückfragen erzeugt.</p>",
            ),
            (
                "points",
                (
                    "Das ändert sich",
                    [
                        "Strecken unter 600 Kilometern fahren wir mit der Bahn; die BahnCard 50 "
                        "übernimmt die Firma.",
                        "Die Reisekostenpauschale wird automatisch im neuen Portal berechnet, "
                        "Belege reicht ihr bis zum 10. des Folgemonats ein.",
                        "Hotels bis 120 Euro pro Nacht bucht ihr ohne Rückfrage.",
                    ],
                ),
            ),
            (
                "p",
                "<p>Den Volltext findet ihr im Anhang. Fragen beantwortet das Team Personal "
                "& Kultur gern – am schnellsten in den Kommentaren unter diesem Beitrag.</p>",
            ),
        ],
    },
    {
        "slug": "rekordjahr-und-wie-weiter",
        "title": "Nach dem Rekordjahr: Wie soll Nordlicht wachsen? Eure Meinung zählt",
        "teaser": (
            "Wir haben 2025 so viele Wärmepumpen ausgeliefert wie nie. Bevor wir über den "
            "dritten Standort entscheiden, möchte ich von euch hören."
        ),
        "authors": ["katrin-albers"],
        "days_ago": 4,
        "pinned": True,
        "image": True,
        "body": [
            (
                "p",
                "<p>Liebe Kolleginnen und Kollegen, 2025 war unser bisher stärkstes Jahr: "
                "mehr als 1.900 Großwärmepumpen und Speicher haben Husum verlassen, und "
                "unser Serviceteam in Kiel hat die Zahl der betreuten Anlagen verdoppelt.</p>",
            ),
            (
                "p",
                "<p>Jetzt stehen wir vor einer Entscheidung: Bauen wir einen dritten "
                "Fertigungsstandort, oder erweitern wir Husum? Beides hat Folgen für "
                "Arbeitswege, Teams und unsere Art zu arbeiten.</p>",
            ),
            (
                "points",
                (
                    "Dazu möchte ich eure Sicht hören",
                    [
                        "Was würde euch an einem zweiten Werk reizen – und was macht euch Sorgen?",
                        "Wo hakt es heute im Alltag, wenn wir schneller wachsen?",
                        "Was dürfen wir auf keinen Fall verlieren?",
                    ],
                ),
            ),
            (
                "p",
                "<p>Schreibt mir in den Kommentaren oder sprecht mich in der "
                "Mittagspause an. Bis Ende des Monats sammeln wir, dann stelle ich die "
                "Ergebnisse in der Betriebsversammlung vor. – Katrin</p>",
            ),
        ],
    },
    {
        "slug": "klimalabor-pruefstandskalender",
        "title": "Klimalabor: Neue Prüfstände und ein gemeinsamer Prüfstandskalender",
        "teaser": (
            "Ab März stehen zwei zusätzliche Prüfstände bereit. Damit es kein Gedränge "
            "gibt, buchen wir sie künftig über einen gemeinsamen Kalender."
        ),
        "authors": ["thomas-krueger"],
        "departments": ["entwicklung"],
        "days_ago": 6,
        "body": [
            (
                "p",
                "<p>Die beiden neuen Prüfstände für Propan-Wärmepumpen bis 400 kW sind "
                "abgenommen. Damit können wir Kältemittelkreise bei minus 20 Grad "
                "Außentemperatur dauerhaft fahren.</p>",
            ),
            (
                "p",
                "<p>Für die Prüfstandsbelegung gilt ab sofort: Buchungen nur noch über den "
                "Prüfstandskalender im Laborordner, höchstens zwei Wochen am Stück, "
                "Dauerläufe mit Absprache im Montagsmeeting.</p>",
            ),
        ],
    },
    {
        "slug": "servicetouren-kiel-einsatzplanung",
        "title": "Servicetouren ab Kiel: So funktioniert die neue Einsatzplanung",
        "teaser": (
            "Seit Montag planen wir Servicetouren mit dem neuen Tourenplaner. Hier die "
            "wichtigsten Handgriffe für unterwegs."
        ),
        "authors": ["sabine-jensen", "lukas-petersen"],
        "departments": ["vertrieb"],
        "locations": ["Kiel"],
        "days_ago": 8,
        "body": [
            (
                "p",
                "<p>Der Tourenplaner bündelt Wartungen nach Postleitzahl und schlägt "
                "jeden Morgen eine Reihenfolge vor. Ihr seht sie auf dem Diensthandy, "
                "inklusive Ersatzteilliste für jede Anlage.</p>",
            ),
            (
                "points",
                (
                    "Für unterwegs",
                    [
                        "Einsatz morgens bestätigen, dann sieht die Disposition, wer wo ist.",
                        "Fehlende Ersatzteile direkt im Auftrag melden, nicht per Anruf.",
                        "Bei Störungen mit Heizungsausfall gilt weiterhin: sofort anrufen.",
                    ],
                ),
            ),
        ],
    },
    {
        "slug": "sommerfest-husumer-hafen",
        "title": "Save the date: Sommerfest am Husumer Hafen",
        "teaser": (
            "Am 28. August feiern wir mit Familien, Krabbenbrötchen und einer Führung "
            "durch die neue Fertigungshalle. Anmeldung bis Ende Juli."
        ),
        "authors": ["aylin-demir"],
        "days_ago": 10,
        "image": True,
        "body": [
            (
                "p",
                "<p>Ab 15 Uhr öffnen wir die Halle für Familien und Freundinnen, ab 18 Uhr "
                "gibt es Essen vom Grill und Krabbenbrötchen vom Hafen. Für die Kolleginnen "
                "und Kollegen aus Kiel und Hamburg fährt ein Bus.</p>",
            ),
            (
                "p",
                "<p>Wer beim Aufbau helfen mag, meldet sich bei Aylin. Kinderbetreuung "
                "und eine Hüpfburg sind organisiert.</p>",
            ),
        ],
    },
    {
        "slug": "gehaltsrunde-2026-vorbereitung",
        "title": "Vertraulich: Vorbereitung der Gehaltsrunde 2026",
        "teaser": (
            "Zeitplan und neue Gehaltsbänder für die Gespräche im Herbst – nur für "
            "Geschäftsführung und Personal."
        ),
        "authors": ["ole-hansen", "fatma-yilmaz"],
        "departments": ["geschaeftsfuehrung", "personal"],
        "confidential": True,
        "days_ago": 12,
        "body": [
            (
                "p",
                "<p>Die überarbeiteten Gehaltsbänder liegen im Entwurf vor. Wir gleichen "
                "sie bis Mitte September mit den Tarifdaten der Metall- und Elektroindustrie "
                "ab und stimmen sie mit dem Betriebsrat ab.</p>",
            ),
            (
                "p",
                "<p>Bitte gebt Zahlen aus dem Entwurf nicht weiter, auch nicht an "
                "Führungskräfte anderer Bereiche, bevor der Betriebsrat sie gesehen hat.</p>",
            ),
        ],
    },
    {
        "slug": "phishing-welle-aufmerksam-sein",
        "title": "Phishing-Welle: Gefälschte Rechnungen von „Lieferanten“",
        "teaser": (
            "Seit letzter Woche kommen täuschend echte Mails mit angeblichen Rechnungen. "
            "So erkennt ihr sie – und so meldet ihr sie."
        ),
        "authors": ["henrik-wolff"],
        "days_ago": 14,
        "body": [
            (
                "p",
                "<p>Die Mails tragen das Logo eines unserer Kupferlieferanten und verlinken "
                "auf eine nachgebaute Anmeldeseite. Bitte klickt nicht auf Links in "
                "Rechnungsmails, sondern öffnet das Lieferantenportal über die "
                "Lesezeichen.</p>",
            ),
            ("quote", ("Lieber einmal zu viel melden als einmal zu wenig.", "Henrik Wolff")),
        ],
    },
    {
        "slug": "neue-kolleginnen-im-mai",
        "title": "Welcome aboard: New colleagues in May",
        "language": "en",
        "teaser": (
            "Five new people joined us this month – in the lab, in service and in "
            "marketing. Say hello!"
        ),
        "authors": ["aylin-demir"],
        "days_ago": 18,
        "body": [
            (
                "p",
                "<p>This month we welcome two engineers to the climate lab in Husum, two "
                "service technicians in Kiel and a working student in marketing. Their "
                "onboarding buddies will introduce them around the teams.</p>",
            ),
        ],
    },
    {
        "slug": "hamburg-buero-umzug",
        "title": "Standort Hamburg: Das Büro zieht in die Speicherstadt",
        "teaser": (
            "Zum 1. Oktober ziehen wir in Hamburg um. Was das für Parkplätze, "
            "Schlüssel und den Besprechungsraum bedeutet."
        ),
        "authors": ["ole-hansen"],
        "locations": ["Hamburg"],
        "days_ago": 22,
        "body": [
            (
                "p",
                "<p>Das neue Büro liegt zehn Minuten vom Hauptbahnhof. Es gibt keine "
                "Firmenparkplätze mehr, dafür übernehmen wir das Deutschlandticket für alle "
                "Kolleginnen und Kollegen am Standort.</p>",
            ),
        ],
    },
]

# Words that occur only in internal demo posts (tests search for them).
INTERNAL_ONLY_WORDS = ["Prüfstandskalender", "Gehaltsbänder", "Reisekostenpauschale"]
