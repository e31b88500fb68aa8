"""Texts of the demo blog posts (fictional; written for this demo).

Compact notation, turned into StreamField data by ``blog.demo._body``:
("p", html) paragraph, ("h", text) heading, ("quote", (text, who)),
("points", (title, [points])), ("image", (image title, caption)),
("video", (title, url, poster image title)), ("cta", (heading, text, label, url)),
("table", (caption, rows)).
"""

CATEGORIES = [
    ("waermepumpen", "Wärmepumpen", "Technik, Projekte und Praxis rund um Großwärmepumpen."),
    ("speicher", "Speicher", "Wärmespeicher, Pufferspeicher und Sektorkopplung."),
    ("unternehmen", "Unternehmen", "Neuigkeiten aus Husum, Kiel und Hamburg."),
    ("karriere", "Karriere", "Arbeiten bei Nordlicht: Ausbildung, Teams, Kultur."),
    ("energiewende", "Energiewende", "Unsere Sicht auf Politik, Märkte und Klimaziele."),
]

POSTS = [
    {
        "slug": "grosswaermepumpe-stadtwerke-husum",
        "title": "Die erste Großwärmepumpe für unser eigenes Stadtwerk",
        "subtitle": "Wie aus einem Klärwerksablauf Fernwärme für 900 Haushalte wird",
        "teaser": "Seit März liefert eine Nordlicht-Wärmepumpe mit 4 MW Wärme ins Husumer "
        "Fernwärmenetz. Ein Blick hinter die Kulissen eines Projekts, das drei Winter "
        "Vorbereitung brauchte.",
        "authors": ["thomas-krueger", "jonas-berger"],
        "categories": ["waermepumpen", "energiewende"],
        "tags": ["Fernwärme", "Abwärme", "Stadtwerke", "Projekt"],
        "days_ago": 4,
        "images": ["Maschinenhaus am Klärwerk"],
        "body": [
            (
                "p",
                "<p>Als die Stadtwerke Husum uns vor drei Jahren fragten, ob man die "
                "Wärme aus dem gereinigten Abwasser nutzen könne, war die ehrliche Antwort: "
                "<b>ja, aber nicht mit einem Standardgerät</b>. Das Wasser ist im Winter "
                "kaum wärmer als acht Grad, und das Netz verlangt an kalten Tagen 85 Grad "
                "im Vorlauf.</p>",
            ),
            ("h", "Zwei Stufen statt einer"),
            (
                "p",
                "<p>Wir haben uns für eine zweistufige Anlage mit natürlichem Kältemittel "
                "entschieden. Die erste Stufe holt die Wärme aus dem Ablauf, die zweite hebt "
                "sie auf Netztemperatur. So erreichen wir im Jahresmittel eine "
                "Leistungszahl von 3,1 – auch im Februar.</p>",
            ),
            (
                "image",
                ("Maschinenhaus am Klärwerk", "Das Maschinenhaus direkt am Ablauf des Klärwerks."),
            ),
            (
                "points",
                (
                    "Was wir gelernt haben",
                    [
                        "Messdaten aus einem ganzen Winter sind mehr wert als jede Simulation.",
                        "Der Wärmetauscher braucht eine automatische Reinigung – "
                        "Biofilm wächst schnell.",
                        "Die Genehmigung dauert länger als der Bau. "
                        "Früh mit der Wasserbehörde reden.",
                    ],
                ),
            ),
            (
                "quote",
                (
                    "Wir haben nicht auf die perfekte Technik gewartet, sondern mit "
                    "der besten verfügbaren angefangen.",
                    "Thomas Krüger",
                ),
            ),
            (
                "p",
                "<p>In den nächsten Wochen berichten wir über die ersten Betriebsdaten. "
                "Fragen zur Anlage beantworten wir gern in den Kommentaren.</p>",
            ),
        ],
    },
    {
        "slug": "warum-wir-in-husum-bleiben",
        "title": "Warum wir in Husum bleiben",
        "teaser": "Immer wieder werden wir gefragt, ob ein Technologieunternehmen nicht "
        "nach Hamburg gehört. Unsere Antwort hat mit Wind, Fachkräften und Haltung zu tun.",
        "authors": ["katrin-albers"],
        "categories": ["unternehmen"],
        "tags": ["Standort", "Nordfriesland", "Strategie"],
        "days_ago": 12,
        "body": [
            (
                "p",
                "<p>Husum ist nicht der naheliegendste Ort für ein Unternehmen, das "
                "Wärmepumpen für Stadtwerke baut. Und doch ist es genau der richtige: Hier "
                "entsteht der Strom, mit dem unsere Anlagen laufen, und hier arbeiten "
                "Menschen, die wissen, was Netzengpässe bedeuten.</p>",
            ),
            ("h", "Wind vor der Tür"),
            (
                "p",
                "<p>An windreichen Tagen wird in Nordfriesland mehr Strom erzeugt, als "
                "abtransportiert werden kann. Eine Wärmepumpe mit Speicher macht daraus "
                "Wärme für die Nacht. Diese Verbindung testen wir täglich vor Ort.</p>",
            ),
            (
                "points",
                (
                    "Drei Gründe für Husum",
                    [
                        "Nähe zur Windenergie und zu Netzbetreibern, die Flexibilität suchen.",
                        "Eine Fachhochschule und Handwerksbetriebe, mit denen wir ausbilden.",
                        "Mieten, die es uns erlauben, in Prüfstände statt in "
                        "Büroflächen zu investieren.",
                    ],
                ),
            ),
            (
                "p",
                "<p>Unsere Büros in Kiel und Hamburg bleiben wichtig – für Vertrieb, "
                "Service und Kundennähe. Das Herz der Entwicklung schlägt aber an der "
                "Nordsee.</p>",
            ),
        ],
    },
    {
        "slug": "schichtenspeicher-richtig-dimensionieren",
        "title": "Schichtenspeicher richtig dimensionieren",
        "subtitle": "Eine Faustformel und ihre Grenzen",
        "teaser": "Zu klein taktet die Wärmepumpe, zu groß kostet Platz und Geld. Wie wir "
        "Speicher für Quartierslösungen auslegen – mit Zahlen aus echten Projekten.",
        "authors": ["jonas-berger"],
        "categories": ["speicher", "waermepumpen"],
        "tags": ["Speicher", "Auslegung", "Praxis"],
        "days_ago": 26,
        "body": [
            (
                "p",
                "<p>Die häufigste Frage aus dem Handwerk lautet: <i>Wie groß muss der "
                "Speicher sein?</i> Die ehrliche Antwort beginnt mit einer Gegenfrage: Was "
                "soll er leisten – Taktung verhindern, Sperrzeiten überbrücken oder "
                "günstigen Strom verschieben?</p>",
            ),
            (
                "table",
                (
                    "Richtwerte aus unseren Quartiersprojekten",
                    [
                        ["Zweck", "Richtwert", "Beispiel 200 kW"],
                        ["Taktung vermeiden", "20 l pro kW", "4.000 l"],
                        ["Sperrzeit 2 h überbrücken", "60 l pro kW", "12.000 l"],
                        ["Lastverschiebung 6 h", "180 l pro kW", "36.000 l"],
                    ],
                ),
            ),
            (
                "p",
                "<p>Wichtiger als das Volumen ist die <b>Schichtung</b>. Ein schlecht "
                "beladener Speicher mischt warmes und kaltes Wasser und verschenkt so "
                "bis zu einem Drittel seiner Kapazität.</p>",
            ),
            (
                "points",
                (
                    "Checkliste",
                    [
                        "Beladelanze oder Prallplatte einplanen.",
                        "Volumenstrom begrenzen: Schichtung braucht Ruhe.",
                        "Temperaturfühler in mindestens vier Höhen setzen.",
                    ],
                ),
            ),
            (
                "cta",
                (
                    "Projekt in Planung?",
                    "Unser Serviceteam rechnet Ihre Speicherauslegung kostenlos nach.",
                    "Kontakt aufnehmen",
                    "mailto:service@nordlicht.example",
                ),
            ),
        ],
    },
    {
        "slug": "ausbildung-mechatronik-2026",
        "title": "Ausbildung bei Nordlicht: Fünf Fragen an unsere Azubis",
        "teaser": "Im August starten wieder sechs junge Menschen ihre Ausbildung bei uns. "
        "Was erwartet sie? Wir haben die gefragt, die es wissen müssen.",
        "authors": ["fatma-yilmaz"],
        "categories": ["karriere"],
        "tags": ["Ausbildung", "Mechatronik", "Team"],
        "days_ago": 40,
        "body": [
            (
                "p",
                "<p>Ausbildung ist bei uns keine Nebensache. Jedes Jahr bilden wir "
                "Mechatronikerinnen, Elektroniker und Industriekaufleute aus – und fast "
                "alle bleiben nach dem Abschluss.</p>",
            ),
            ("h", "Was war in der ersten Woche am wichtigsten?"),
            (
                "quote",
                (
                    "Dass ich sofort an einer echten Anlage mitschrauben durfte – "
                    "natürlich mit jemandem an meiner Seite.",
                    "Azubi im zweiten Jahr",
                ),
            ),
            ("h", "Was würdet ihr Bewerberinnen und Bewerbern raten?"),
            (
                "p",
                "<p>Neugierig sein, Fragen stellen, keine Angst vor Fehlern. Und: "
                "Praktikum machen! Wer einmal eine Woche im Prüfstand war, weiß, ob das "
                "Richtige dabei ist.</p>",
            ),
            (
                "cta",
                (
                    "Jetzt bewerben",
                    "Ausbildungsplätze für 2026 sind noch frei.",
                    "Bewerbung per E-Mail",
                    "mailto:karriere@nordlicht.example",
                ),
            ),
        ],
    },
    {
        "slug": "heat-pumps-district-heating-lessons",
        "title": "Large heat pumps in district heating: five lessons from the field",
        "teaser": "What we learned commissioning our first large heat pumps for municipal "
        "utilities – from refrigerants to permits.",
        "language": "en",
        "authors": ["thomas-krueger"],
        "categories": ["waermepumpen", "energiewende"],
        "tags": ["District heating", "Fernwärme", "Lessons learned"],
        "days_ago": 55,
        "body": [
            (
                "p",
                "<p>Large heat pumps are no longer an experiment. Yet every project "
                "still teaches us something. Here is what we would tell any utility "
                "starting today.</p>",
            ),
            (
                "points",
                (
                    "Five lessons",
                    [
                        "Measure your heat source for a full year before choosing the machine.",
                        "Natural refrigerants are worth the extra engineering.",
                        "Design for cleaning: heat exchangers on waste water foul quickly.",
                        "Talk to the grid operator early – flexibility has value.",
                        "Train the operators on site, not in a slide deck.",
                    ],
                ),
            ),
            (
                "p",
                "<p>None of this is rocket science. But skipping any of it costs months. "
                "We are happy to share our measurement data with other utilities.</p>",
            ),
        ],
    },
    {
        "slug": "service-im-winter",
        "title": "Wenn es kalt wird: So arbeitet unser Service im Winter",
        "teaser": "Rufbereitschaft, Ersatzteillager, Fernwartung: Was passiert, wenn eine "
        "Anlage im Januar eine Störung meldet?",
        "authors": ["sabine-jensen"],
        "categories": ["unternehmen"],
        "tags": ["Service", "Fernwartung", "Praxis"],
        "days_ago": 70,
        "body": [
            (
                "p",
                "<p>Um 5:40 Uhr meldet eine Anlage in Kiel einen Hochdruckfehler. Bevor "
                "der erste Kaffee fertig ist, hat unser Bereitschaftsdienst die Daten "
                "gesehen und den Fehler aus der Ferne eingegrenzt.</p>",
            ),
            ("h", "Drei Viertel aller Störungen lösen wir aus der Ferne"),
            (
                "p",
                "<p>Unsere Anlagen senden Betriebsdaten verschlüsselt an unser "
                "Leitsystem. So sehen wir viele Probleme, bevor sie Kunden bemerken.</p>",
            ),
            (
                "table",
                (
                    "Störungen im letzten Winter",
                    [
                        ["Art", "Anteil", "Mittlere Lösungszeit"],
                        ["Fernwartung", "74 %", "35 Minuten"],
                        ["Einsatz vor Ort", "22 %", "5 Stunden"],
                        ["Ersatzteil nötig", "4 %", "2 Tage"],
                    ],
                ),
            ),
            (
                "quote",
                (
                    "Der beste Serviceeinsatz ist der, den der Kunde gar nicht mitbekommt.",
                    "Sabine Jensen",
                ),
            ),
        ],
    },
    {
        "slug": "offene-fehlerkultur",
        "title": "Fehler sind Daten: Warum wir über Pannen reden",
        "teaser": "Einmal im Monat erzählt bei uns jemand von einem Fehler – vor allen. "
        "Was als Experiment begann, ist heute fester Teil unserer Kultur.",
        "authors": ["fatma-yilmaz", "katrin-albers"],
        "categories": ["karriere", "unternehmen"],
        "tags": ["Kultur", "Führung", "Team"],
        "days_ago": 88,
        "body": [
            (
                "p",
                "<p>Die Idee kam aus der Entwicklung: Wer einen Fehler findet, der andere "
                "auch treffen könnte, stellt ihn in zehn Minuten vor. Ohne Schuldfrage, mit "
                "einer Lehre am Ende.</p>",
            ),
            (
                "points",
                (
                    "Unsere Regeln für das Fehler-Forum",
                    [
                        "Es geht um Abläufe, nicht um Personen.",
                        "Wer vorträgt, entscheidet, was öffentlich wird.",
                        "Jede Runde endet mit einer konkreten Verbesserung.",
                    ],
                ),
            ),
            (
                "p",
                "<p>Inzwischen erzählen auch Führungskräfte von ihren Fehlentscheidungen. "
                "Das hat mehr verändert als jedes Leitbild.</p>",
            ),
        ],
    },
    {
        "slug": "storage-and-wind-curtailment",
        "title": "Turning curtailed wind power into heat",
        "subtitle": "A pilot with a regional grid operator",
        "teaser": "In North Frisia, wind turbines are often switched off because the grid "
        "is full. Our pilot stores that energy as heat instead.",
        "language": "en",
        "authors": ["ole-hansen", "thomas-krueger"],
        "categories": ["speicher", "energiewende"],
        "tags": ["Wind", "Sector coupling", "Speicher"],
        "days_ago": 104,
        "images": ["Speicher im Morgenlicht"],
        "body": [
            (
                "p",
                "<p>Every year, gigawatt-hours of wind power are curtailed in "
                "Schleswig-Holstein. Together with a grid operator we tested whether a heat "
                "pump and a 400 m³ storage tank can absorb some of it.</p>",
            ),
            ("image", ("Speicher im Morgenlicht", "The storage tank of the pilot plant.")),
            (
                "p",
                "<p>The result: on 61 days the plant ran exclusively on power that would "
                "otherwise have been curtailed. The economics depend on regulation – which is "
                "finally changing.</p>",
            ),
            (
                "video",
                (
                    "How the pilot plant works (3 minutes)",
                    "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                    "Speicher im Morgenlicht",
                ),
            ),
        ],
    },
    {
        "slug": "kaeltemittel-propan",
        "title": "Propan als Kältemittel: sicher, effizient, zukunftsfest",
        "teaser": "Die EU verschärft die Regeln für fluorierte Kältemittel. Wir setzen "
        "seit Jahren auf Propan – und erklären, warum das sicher ist.",
        "authors": ["jonas-berger"],
        "categories": ["waermepumpen"],
        "tags": ["Kältemittel", "Propan", "Sicherheit"],
        "days_ago": 131,
        "body": [
            (
                "p",
                "<p>Propan (R290) hat ein Treibhauspotenzial von 3 – das gängige R410A "
                "liegt bei über 2.000. Dafür ist Propan brennbar. Das klingt gefährlich, "
                "ist aber eine lösbare Ingenieuraufgabe.</p>",
            ),
            ("h", "Wie wir die Sicherheit gewährleisten"),
            (
                "points",
                (
                    "Sicherheitskonzept",
                    [
                        "Kältekreis hermetisch geschlossen und werkseitig geprüft.",
                        "Gaswarnanlage mit Zwangsbelüftung im Aufstellraum.",
                        "Füllmengen so klein wie möglich durch Plattenwärmetauscher.",
                    ],
                ),
            ),
            (
                "quote",
                (
                    "Brennbar heißt nicht unsicher. Es heißt: sorgfältig konstruieren.",
                    "Jonas Berger",
                ),
            ),
        ],
    },
    {
        "slug": "new-office-kiel",
        "title": "We opened a service hub in Kiel",
        "teaser": "Closer to our customers on the Baltic coast: eight service technicians "
        "and a spare parts store now work from Kiel.",
        "language": "en",
        "authors": ["sabine-jensen"],
        "categories": ["unternehmen"],
        "tags": ["Kiel", "Service", "Standort"],
        "days_ago": 160,
        "body": [
            (
                "p",
                "<p>Until now, a technician from Husum needed two hours to reach a plant "
                "near Lübeck. From Kiel it is less than one. That matters in January.</p>",
            ),
            (
                "p",
                "<p>The new hub shares a building with a vocational school, and we plan "
                "to offer internships there from next year.</p>",
            ),
        ],
    },
    {
        "slug": "waermeplanung-kommunen",
        "title": "Kommunale Wärmeplanung: Was Gemeinden jetzt tun sollten",
        "teaser": "Bis 2028 brauchen alle Kommunen einen Wärmeplan. Fünf Schritte, die "
        "kleine Gemeinden jetzt schon gehen können – auch ohne großes Budget.",
        "authors": ["ole-hansen"],
        "categories": ["energiewende"],
        "tags": ["Wärmeplanung", "Kommunen", "Politik"],
        "days_ago": 190,
        "body": [
            (
                "p",
                "<p>Das Wärmeplanungsgesetz verpflichtet Kommunen, ihre Wärmeversorgung "
                "zu planen. Für kleine Gemeinden klingt das nach viel Arbeit – dabei liegt "
                "vieles schon in den Schubladen.</p>",
            ),
            (
                "points",
                (
                    "Fünf erste Schritte",
                    [
                        "Vorhandene Daten sammeln: Schornsteinfeger, Netzbetreiber, Gebäudealter.",
                        "Wärmequellen kartieren: Abwasser, Gewässer, Industrie, Abwärme.",
                        "Mit Nachbargemeinden sprechen – Netze enden nicht an Ortsgrenzen.",
                        "Bürgerinnen und Bürger früh einbinden.",
                        "Fördermittel für die Planung beantragen.",
                    ],
                ),
            ),
            (
                "p",
                "<p>Wir unterstützen Gemeinden gern mit Erfahrungswerten aus unseren "
                "Projekten – neutral und ohne Verkaufsgespräch.</p>",
            ),
        ],
    },
    {
        "slug": "kommunikation-in-beide-richtungen",
        "title": "Warum dieser Blog Kommentare hat",
        "teaser": "Viele Unternehmensblogs schalten Kommentare ab. Wir machen das Gegenteil "
        "– und erklären, wie wir moderieren.",
        "authors": ["miriam-hoffmann"],
        "categories": ["unternehmen"],
        "tags": ["Kommunikation", "Dialog", "Blog"],
        "days_ago": 215,
        "body": [
            (
                "p",
                "<p>Ein Blog ohne Antworten ist eine Pressemitteilung mit anderem Layout. "
                "Deshalb können Sie unter jedem Beitrag kommentieren – mit Namen und "
                "E-Mail-Adresse, die wir nie veröffentlichen.</p>",
            ),
            ("h", "So moderieren wir"),
            (
                "p",
                "<p>Wir prüfen Kommentare werktags innerhalb eines Tages. Wir löschen "
                "nur Beleidigungen, Werbung und Persönliches über Dritte – Kritik an uns "
                "bleibt stehen, und wir antworten darauf.</p>",
            ),
            (
                "cta",
                (
                    "Ihre Meinung zählt",
                    "Was sollen wir als Nächstes erklären?",
                    "Schreiben Sie uns",
                    "mailto:kommunikation@nordlicht.example",
                ),
            ),
        ],
    },
    {
        "slug": "hydraulic-balancing-explained",
        "title": "Hydraulic balancing, explained in four minutes",
        "teaser": "Why a heat pump in an unbalanced system wastes energy – and how installers "
        "fix it.",
        "language": "en",
        "authors": ["jonas-berger", "sabine-jensen"],
        "categories": ["waermepumpen"],
        "tags": ["Installation", "Efficiency", "Praxis"],
        "days_ago": 240,
        "body": [
            (
                "p",
                "<p>In an unbalanced heating system, radiators close to the pump get too "
                "much water and distant ones too little. The usual fix – a higher flow "
                "temperature – is exactly what hurts a heat pump's efficiency.</p>",
            ),
            (
                "table",
                (
                    "Effect of balancing in a typical apartment block",
                    [
                        ["", "Before", "After"],
                        ["Flow temperature", "62 °C", "51 °C"],
                        ["Seasonal COP", "2.6", "3.3"],
                    ],
                ),
            ),
            (
                "p",
                "<p>Balancing takes a day for a mid-sized building and pays for itself "
                "within a season.</p>",
            ),
        ],
    },
]

DRAFT_POST = {
    "slug": "entwurf-jahresbilanz",
    "title": "Entwurf: Unsere Jahresbilanz",
    "teaser": "Noch nicht freigegeben – dieser Beitrag ist ein Entwurf.",
    "authors": ["katrin-albers"],
    "categories": ["unternehmen"],
    "tags": ["Jahresbilanz"],
    "days_ago": 1,
    "body": [("p", "<p>Die Zahlen sind noch vorläufig und werden geprüft.</p>")],
}

SCHEDULED_POST = {
    "slug": "vorschau-fachmesse",
    "title": "Besuchen Sie uns auf der Fachmesse",
    "teaser": "Geplanter Beitrag: erscheint automatisch zum Messestart.",
    "authors": ["miriam-hoffmann"],
    "categories": ["unternehmen"],
    "tags": ["Messe"],
    # Negative: the publication date lies in the future, so it is scheduled.
    "days_ago": -14,
    "body": [("p", "<p>Halle 4, Stand 210: Wir zeigen unsere neue Großwärmepumpe.</p>")],
}
