import type { CourseSeed } from '../course-seed.js';

/**
 * Demo course, German edition of `demoCourse`: same modules, lessons, minutes and quizzes
 * (questions and options in the same order, with the same correct answers). Swiss-usable
 * spelling ("ss").
 */
export const demoCourseDe: CourseSeed = {
  title: 'Freundlichkeit im Berufsalltag',
  summary:
    'Ein akkreditierter Kurs für Lehrpersonen und Gesundheitsfachleute: was Freundlichkeit als berufliche Kompetenz bedeutet, wie man sie mit Schülerinnen und Schülern, Patientinnen und Patienten und im Team übt und wie man sie auf Dauer lebt – auch die Freundlichkeit sich selbst gegenüber. Acht Stunden, einschliesslich Übungen am eigenen Arbeitsplatz.',
  locale: 'de',
  accreditation: { body: 'Demo Accreditation Board', reference: 'DAB-2026-0042', hours: 8 },
  // The accreditation rule (ACCREDITED_MIN_TIME_RATIO, default 0.5): at least half of the 8 hours studied online.
  completion: { minMinutes: 240 },
  selfEnrolment: true,
  modules: [
    {
      title: 'Freundlichkeit als berufliche Kompetenz',
      lessons: [
        {
          title: 'Was wir unter Freundlichkeit verstehen',
          minutes: 30,
          body: `## Freundlichkeit ist eine Praxis, keine Stimmung

Im Alltag klingt Freundlichkeit oft wie eine Charaktereigenschaft: Manche Menschen «sind» freundlich, andere nicht. In diesem Kurs sehen wir es anders. Freundlichkeit besteht aus Dingen, die Menschen tun – wahrnehmen, zuhören, Hilfe anbieten, Worte mit Sorgfalt wählen –, und wie jede berufliche Kompetenz lässt sie sich lernen, üben und verbessern.

Eine Arbeitsdefinition für diesen Kurs:

> Freundlichkeit heisst, mit echter Aufmerksamkeit auf die Bedürfnisse eines anderen Menschen einzugehen, seine Würde zu achten und nichts dafür zu verlangen.

## Was Freundlichkeit nicht ist

- **Nicht Nettsein um jeden Preis.** Jedem schwierigen Gespräch auszuweichen ist nicht freundlich: Es lässt Menschen ohne die Informationen, die sie brauchen.
- **Nicht Schwäche.** Eine klare Grenze ruhig und respektvoll zu setzen, ist oft das Freundlichste, was eine Lehrperson oder eine Pflegefachperson tun kann.
- **Keine Vorführung.** Freundlichkeit, die gesehen werden will, wirkt auf die Person, die sie empfängt, oft hohl.
- **Nicht nur für Menschen, die wir mögen.** Ob ein Arbeitsort freundlich ist, zeigt sich daran, wie er mit der Kollegin, dem Vater oder dem Patienten umgeht, die schwer zu mögen sind.

## Drei Zutaten

1. **Aufmerksamkeit** – sehen, was die andere Person wirklich braucht, nicht was wir annehmen.
2. **Absicht** – ihr Wohl wollen, nicht nur unsere eigene Bequemlichkeit.
3. **Handeln** – etwas tun, so klein es auch ist, das sie spüren kann.

## Übung

Notieren Sie vor der nächsten Lektion drei Momente bei der Arbeit, in denen jemand freundlich zu Ihnen war. Schreiben Sie zu jedem auf, welche der drei Zutaten Ihnen am meisten aufgefallen ist.
`,
        },
        {
          title: 'Warum Freundlichkeit in Schule und Pflege zählt',
          minutes: 30,
          body: `## Die Menschen vor uns

Schülerinnen und Schüler, die sich bei ihrer Lehrperson sicher fühlen, fragen leichter nach, machen Fehler und versuchen es noch einmal. Patientinnen und Patienten, die sich respektiert fühlen, sagen eher, was sie beunruhigt, und halten sich eher an den gemeinsam vereinbarten Plan. In beiden Bereichen ist Freundlichkeit keine Verzierung auf der «eigentlichen» Arbeit: Sie gehört dazu, damit die Arbeit gut gelingt.

## Die Menschen neben uns

Teams in Schulen und Spitälern arbeiten unter Zeitdruck und emotionaler Belastung. Kleine Unfreundlichkeiten summieren sich:

- eine scharfe Antwort am Ende einer langen Schicht;
- eine Kollegin, die mit einer schwierigen Aufgabe allein gelassen wird;
- gute Arbeit, die niemand anerkennt.

Kleine Freundlichkeiten summieren sich ebenso. Ein Team, in dem man mit Hilfe rechnet, verkraftet einen schlechten Tag; ein Team, in dem man mit Kritik rechnet, versteckt Probleme oft, bis sie gross werden.

## Wir selbst

Helfende Berufe tragen ein bekanntes Risiko der Erschöpfung, und Freundlichkeit wird manchmal als eine weitere Forderung an müde Menschen dargestellt. Dieser Kurs sieht es umgekehrt: Gut geübt schliesst Freundlichkeit die Freundlichkeit sich selbst gegenüber ein, und sie kann die Arbeit sinnvoller statt schwerer machen. Darauf kommen wir im letzten Modul zurück.

## Ein Wort zur Evidenz

Die Forschung zu Freundlichkeit, Mitgefühl und Wohlbefinden am Arbeitsplatz wächst, doch die Ergebnisse unterscheiden sich je nach Umfeld, und viele Studien sind klein. Begegnen Sie Behauptungen – auch unseren – mit gesunder Neugier. Deshalb bittet Sie dieser Kurs auch, vorher und nachher eine kurze Selbsteinschätzung auszufüllen: um Veränderungen ehrlich und als Gruppe anzuschauen, statt sie einfach anzunehmen.

## Übung

Denken Sie an eine Schülerin, einen Patienten oder eine Kollegin, die diese Woche etwas mehr von Ihrer Aufmerksamkeit brauchen könnte, und entscheiden Sie sich für eine konkrete Sache, die Sie tun werden.
`,
        },
        {
          title: 'Fünf Werte zum Üben',
          minutes: 35,
          body: `## Fünf Werte, eine Praxis

Dieser Kurs ist um fünf Werte aufgebaut: **Optimismus, Freundlichkeit, Vergebung, Dankbarkeit und Glück**. Es sind keine getrennten Fächer. Jeder stützt die anderen, und jeder lässt sich in kleine, wiederholbare Handlungen übersetzen.

| Wert | Wie er bei der Arbeit aussehen kann |
|---|---|
| Optimismus | Erwarten, dass eine Schülerin oder ein Patient Fortschritte machen kann, und es auch sagen |
| Freundlichkeit | Bedürfnisse wahrnehmen und mit Sorgfalt darauf eingehen |
| Vergebung | Nach einem Konflikt den Groll loslassen, ohne so zu tun, als sei nichts geschehen |
| Dankbarkeit | Wahrnehmen, was andere beitragen, und es ihnen sagen |
| Glück | Raum schaffen für Momente der Freude und des gemeinsamen Lachens |

## Realistischer Optimismus

Optimismus heisst hier nicht, Probleme zu übersehen. Er heisst, im Blick zu behalten, was noch gut gehen kann, und den nächsten möglichen Schritt zu suchen. Eine Pflegefachperson, die sagt: «Das ist schwierig, und das können wir als Nächstes tun», ist zugleich realistisch und optimistisch.

## Dankbarkeit und Glück als Gewohnheiten

Dankbarkeit und Glück klingen wie Gefühle, die einfach kommen oder eben nicht. Gewohnheiten beeinflussen sie aber:

- am Ende des Tages innehalten und bemerken, was gut gelaufen ist;
- jemandem mit Namen für etwas Bestimmtes danken;
- einen guten Moment mit einer Kollegin teilen, statt ihn für sich zu behalten.

Nichts davon braucht zusätzliche Zeit. Es braucht Aufmerksamkeit.

## Übung

Wählen Sie den Wert, der Ihnen bei Ihrer jetzigen Arbeit am schwersten fällt. Notieren Sie eine Woche lang jeden Tag eine kleine Handlung, die mit ihm zu tun hat. Lesen Sie am Ende der Woche Ihre Notizen und fragen Sie sich: Was hat sich verändert, für mich oder für andere?
`,
        },
      ],
      quizzes: [
        {
          title: 'Verständnisfragen: Freundlichkeit bei der Arbeit',
          passMark: 60,
          maxAttempts: 3,
          shuffleQuestions: false,
          shuffleOptions: true,
          questions: [
            {
              prompt: 'In diesem Kurs wird Freundlichkeit vor allem verstanden als …',
              kind: 'single',
              options: [
                { text: 'eine Charaktereigenschaft, die manche Menschen haben und andere nicht', correct: false },
                { text: 'eine Reihe von Fähigkeiten, die man lernen, üben und verbessern kann', correct: true },
                { text: 'eine Art, Konflikten mit Kolleginnen und Kollegen auszuweichen', correct: false },
              ],
            },
            {
              prompt: 'Welches sind die drei Zutaten der Freundlichkeit, die der Kurs nennt?',
              kind: 'multiple',
              options: [
                { text: 'Aufmerksamkeit', correct: true },
                { text: 'Absicht', correct: true },
                { text: 'Handeln', correct: true },
                { text: 'Perfektion', correct: false },
              ],
            },
            {
              prompt: 'Welche Aussage beschreibt realistischen Optimismus?',
              kind: 'single',
              options: [
                { text: 'Probleme übersehen, damit alle motiviert bleiben', correct: false },
                { text: 'Im Blick behalten, was noch gut gehen kann, und den nächsten Schritt suchen', correct: true },
                { text: 'Versprechen, dass alles gut wird', correct: false },
              ],
            },
          ],
        },
      ],
    },
    {
      title: 'Freundlichkeit in der täglichen Arbeit',
      lessons: [
        {
          title: 'Aufmerksamkeit: die erste freundliche Handlung',
          minutes: 40,
          body: `## Warum Aufmerksamkeit zuerst kommt

Auf ein Bedürfnis, das wir nicht bemerkt haben, können wir nicht gut eingehen. In vollen Klassenzimmern und Stationen ist Aufmerksamkeit unser knappstes Gut – und das, was Menschen am unmittelbarsten spüren. Volle Aufmerksamkeit, auch nur für eine Minute, sagt einem Menschen: Du zählst hier.

## Die Ein-Minuten-Zuwendung

Wenn jemand mit einer Frage oder einer Sorge zu Ihnen kommt:

1. **Halten Sie inne**, wenn es gefahrlos möglich ist, und wenden Sie sich der Person zu.
2. **Schauen Sie** die Person an, nicht den Bildschirm oder die Akte.
3. **Hören Sie** bis zum Ende des Satzes zu, bevor Sie Ihre Antwort vorbereiten.
4. **Geben Sie** in wenigen Worten **wieder**, was Sie gehört haben: «Sie machen sich also Sorgen, dass …»
5. **Sagen Sie, wie es weitergeht**, auch wenn die Antwort lautet: «Jetzt kann ich nicht, aber ich komme um drei Uhr wieder.»

Eine Minute echte Aufmerksamkeit spart oft später Zeit, weil Missverständnisse früh erkannt werden.

## Die Stillen bemerken

Die Schülerin, die nie um Hilfe bittet, und der Patient, der immer «Es geht mir gut» sagt, werden leicht übersehen. Machen Sie es sich zur Gewohnheit, nach ihnen Ausschau zu halten: Wer hat heute noch nichts gesagt? Wer wirkt anders als sonst?

## Aufmerksamkeit über Sprachgrenzen hinweg

In vielen Schulen und Spitälern sprechen die Menschen nicht dieselbe Erstsprache. Sprechen Sie langsam und mit einfachen Worten. Prüfen Sie das Verständnis mit einer offenen Frage statt mit «Ist das klar?», und ziehen Sie bei wichtigen Anliegen eine Dolmetscherin oder übersetzte Unterlagen bei.

## Übung

Setzen Sie die Ein-Minuten-Zuwendung diese Woche mindestens dreimal bewusst ein. Notieren Sie danach, was Sie erfahren haben, das Ihnen sonst entgangen wäre.
`,
        },
        {
          title: 'Freundliche Worte in schwierigen Gesprächen',
          minutes: 45,
          body: `## Klar ist freundlich

Schwierige Gespräche – eine Rückmeldung zu ungenügender Arbeit, eine Sorge wegen des Verhaltens eines Kindes, eine schlechte Nachricht zu einer Diagnose – sind der Ort, an dem Freundlichkeit am stärksten auf die Probe gestellt wird. Freundlich ist selten, die Botschaft so lange abzuschwächen, bis sie verschwindet. Freundlich ist, zugleich klar, ehrlich und respektvoll zu sein.

## Ein einfacher Ablauf

- **Vorbereiten.** Wissen Sie, was Sie sagen müssen und was die andere Person damit tun können soll. Wählen Sie einen ruhigen Ort und genügend Zeit.
- **Behutsam beginnen.** Sagen Sie, worüber Sie sprechen möchten: «Ich möchte mit Ihnen über die gestrige Lektion sprechen.»
- **Beschreiben, nicht etikettieren.** «Sie sind in der Sitzung zweimal laut geworden» ist leichter zu hören als «Sie waren aggressiv».
- **Pause machen.** Lassen Sie der anderen Person Zeit zu reagieren. Stille ist kein Problem, das man füllen muss.
- **Gefühle anerkennen.** «Ich sehe, dass Sie das belastet» ändert nichts an den Tatsachen, zeigt aber, dass Sie den Menschen sehen.
- **Einen nächsten Schritt vereinbaren.** Schliessen Sie mit etwas Konkretem, das jede und jeder von Ihnen tun wird.

## Rückmeldungen an Schülerinnen und Schüler

Äussern Sie sich zur Arbeit und zur Anstrengung, nie zum Wert des Kindes. Nennen Sie eine Sache, die gut gelungen ist, und eine bestimmte Sache, die es verbessern kann, und sorgen Sie dafür, dass es weiss, wie es diese Verbesserung erreicht.

## Schlechte Nachrichten in der Pflege

Halten Sie sich an die Vorgaben Ihrer Institution. Finden Sie innerhalb davon heraus, was die Person schon weiss, geben Sie Informationen in kleinen Schritten und fragen Sie, worüber sie mehr wissen möchte. Freundlichkeit heisst hier: das richtige Tempo, Ehrlichkeit und Präsenz.

## Übung

Denken Sie an ein Gespräch, das Sie vor sich herschieben. Schreiben Sie die ersten zwei Sätze auf, die Sie sagen werden, und den nächsten Schritt, den Sie vorschlagen.
`,
        },
        {
          title: 'Kleine Rituale für Teams und Klassen',
          minutes: 40,
          body: `## Warum Rituale helfen

Freundlichkeit breitet sich leichter aus, wenn sie nicht davon abhängt, dass jede Person an einem schweren Tag daran denkt, freundlich zu sein. Kleine gemeinsame Rituale machen sie zu einem Teil davon, wie eine Gruppe arbeitet. Sie sollten kurz sein, im Geist freiwillig und leicht durchzuhalten.

## Ideen für Teams

- **Eine Minute für gute Nachrichten** zu Beginn einer Übergabe oder Teamsitzung: etwas, das seit dem letzten Mal gut gelaufen ist.
- **Dankeskarten** an einer gemeinsamen Pinnwand oder im Teamkanal, die benennen, was die Person getan hat.
- **Ein Nachfragen unter Kollegen** nach einem schwierigen Ereignis: Jede Person fragt eine Kollegin: «Wie geht es dir nach dem?»
- **Geschützte Pausen:** Kolleginnen und Kollegen vertreten einander, damit alle wirklich für ein paar Minuten innehalten.

## Ideen für Klassen

- **Ein Freundlichkeitsglas:** Die Kinder schreiben freundliche Taten auf, die sie bemerkt haben, und die Klasse liest freitags einige vor.
- **Ein Morgenkreis:** ein Satz pro Person dazu, wie sie heute ankommt.
- **Klassenvereinbarungen**, mit den Kindern in ihren eigenen Worten geschrieben, darüber, wie wir miteinander umgehen.
- **Wertschätzung nach der Gruppenarbeit:** Jedes Mitglied nennt etwas, das ein anderes gut gemacht hat.

## Echt bleiben

Rituale scheitern, wenn sie zur Pflichtübung werden. Beginnen Sie mit einem, erklären Sie, warum, laden Sie ein, statt zu verlangen, und überprüfen Sie es nach einem Monat. Lassen Sie weg, was nicht funktioniert.

## Übung

Wählen Sie mit Ihrem Team oder Ihrer Klasse ein Ritual, das Sie vier Wochen lang ausprobieren, und vereinbaren Sie gemeinsam, wann Sie es überprüfen.
`,
        },
      ],
      quizzes: [],
    },
    {
      title: 'Freundlichkeit auf Dauer',
      lessons: [
        {
          title: 'Freundlichkeit sich selbst gegenüber',
          minutes: 40,
          body: `## Die Person, die fehlt

Viele Lehrpersonen und Gesundheitsfachleute sind zu anderen viel freundlicher als zu sich selbst. Sie sprechen mit sich in einem Ton, den sie nie gegenüber einem Kind oder einer Patientin anschlagen würden, lassen Pausen ausfallen und behandeln ihre eigenen Bedürfnisse als Nebensache. Mit der Zeit macht das die Freundlichkeit gegenüber anderen schwerer, nicht leichter.

## Selbstfreundlichkeit ist keine Nachsicht

Freundlich zu sich selbst zu sein heisst nicht, Ansprüche zu senken oder Verantwortung zu meiden. Es heisst, auf die eigenen Fehler und Schwierigkeiten so zu reagieren, wie Sie auf eine Kollegin reagieren würden, die Sie schätzen: ehrlich und unterstützend.

## Drei Übungen

1. **Achten Sie auf Ihre innere Stimme.** Was sagen Sie sich nach einem Fehler? Würden Sie das einer Freundin sagen?
2. **Schreiben Sie den Satz um.** Ersetzen Sie «Ich bin unfähig» durch etwas Wahres und Hilfreiches: «Ich habe beim Stundenplan einen Fehler gemacht; ich korrigiere ihn und prüfe ihn beim nächsten Mal.»
3. **Schützen Sie die Erholung.** Schlaf, Essen, Bewegung und Zeit mit Menschen, die Sie mögen, sind kein Luxus. Planen Sie sie, wie Sie Ihre Arbeit planen.

## Wissen, wann man Hilfe holt

Sich ab und zu ausgelaugt zu fühlen, gehört zu fordernder Arbeit. Sich an den meisten Tagen erschöpft zu fühlen, sich vor der Arbeit zu fürchten oder sich von den Menschen, für die man sorgt, innerlich entfernt zu fühlen, sind Signale, die man ernst nehmen sollte. Sprechen Sie mit einer Vertrauensperson und nutzen Sie die Unterstützung, die Ihre Institution anbietet, etwa den arbeitsmedizinischen Dienst oder eine Mitarbeiterberatung.

## Übung

Schreiben Sie drei Tage lang jeden Tag einen selbstkritischen Satz auf und formulieren Sie ihn dann so um, wie ihn eine freundliche und ehrliche Kollegin sagen würde.
`,
        },
        {
          title: 'Vergebung und Versöhnung nach einem Konflikt',
          minutes: 45,
          body: `## Konflikte sind normal

Wo Menschen unter Druck eng zusammenarbeiten, gibt es Konflikte. Entscheidend ist, was danach kommt. Teams, die sich gut versöhnen, bewahren Vertrauen; Teams, die es nicht tun, sammeln stillen Groll.

## Was Vergebung hier bedeutet

Vergeben heisst, den Groll und den Wunsch nach Vergeltung loszulassen. Es heisst **nicht**:

- so zu tun, als sei nichts geschehen;
- Verhalten hinzunehmen, das gefährlich oder übergriffig ist;
- auf faire Verfahren zu verzichten, wenn Regeln verletzt wurden.

Man kann jemandem vergeben und trotzdem eine Veränderung verlangen. Vergebung dient vor allem der Person, die vergibt: Sie setzt Aufmerksamkeit und Energie frei, die der Groll sonst verbrauchen würde.

## Schritte zur Versöhnung

1. **Abkühlen.** Warten Sie, bis Sie beide ruhig sprechen können, aber nicht so lange, dass sich die Sache verhärtet.
2. **Den eigenen Anteil übernehmen.** Beginnen Sie mit dem, was Sie hätten anders machen können.
3. **Die Sicht der anderen Person anhören**, ohne zu unterbrechen.
4. **Die Folgen benennen** für Sie beide und für die Kinder oder die Patientinnen und Patienten.
5. **Vereinbaren, was beim nächsten Mal anders wird.**

## Sich gut entschuldigen

Eine gute Entschuldigung benennt, was geschehen ist, anerkennt die Wirkung, kommt ohne «aber» aus und bietet an, es wiedergutzumachen: «Es tut mir leid, dass ich Sie vor den Eltern so scharf angesprochen habe. Das war unfair und unangenehm für Sie. Beim nächsten Mal spreche ich Bedenken unter vier Augen an.»

## Sich selbst vergeben

Dieselben Schritte gelten, wenn die Person, der Sie vergeben müssen, Sie selbst sind: anerkennen, lernen, wiedergutmachen, was möglich ist, und weitergehen.

## Übung

Denken Sie an eine kleine, ungelöste Spannung mit einer Kollegin oder einem Kollegen und planen Sie, wie Sie ein Versöhnungsgespräch beginnen könnten.
`,
        },
        {
          title: 'Ihr Freundlichkeitsplan',
          minutes: 45,
          body: `## Vom Kurs zur Gewohnheit

Kurse gehen zu Ende; Gewohnheiten bleiben nur, wenn wir sie planen. Diese letzte Lektion hilft Ihnen, das Gelernte in einen Plan für die nächsten drei Monate zu übersetzen.

## Ihren Plan erstellen

Schreiben Sie auf:

- **Einen Wert** der fünf, den Sie stärken möchten.
- **Zwei kleine Handlungen**, die damit zusammenhängen und konkret genug sind, um sie zu überprüfen: «Bei jeder Übergabe einer Kollegin mit Namen danken», nicht «dankbarer sein».
- **Wann und wo** Sie sie tun werden.
- **Ein Hindernis**, das dazwischenkommen könnte, und was Sie dann tun.
- **Eine Person**, der Sie von Ihrem Plan erzählen.

## Veränderung ehrlich messen

Zu Beginn des Kurses haben Sie eine kurze Selbsteinschätzung ausgefüllt, und Sie füllen sie vor dem Erhalt Ihres Zertifikats noch einmal aus. Ihre Institution sieht nur Gruppenergebnisse, und nur wenn genügend Personen teilgenommen haben: Ziel ist zu erfahren, ob der Kurs Menschen wie Ihnen hilft, nicht jemanden zu beurteilen.

Behalten Sie im Kopf, was solche Zahlen sagen können und was nicht. Eine Veränderung zwischen vorher und nachher kann vom Kurs kommen, von der Jahreszeit oder von vielem anderen. Das Konfidenzintervall bei den Ergebnissen zeigt, wie genau die Schätzung ist: Ein breites Intervall heisst «wir wissen es noch nicht sicher».

## Dranbleiben

Überprüfen Sie Ihren Plan nach einem Monat. Behalten Sie, was funktioniert, ändern Sie, was nicht funktioniert, und teilen Sie Ihre Erfahrungen mit Ihrem Team.

## Übung

Füllen Sie Ihren Plan jetzt aus und tragen Sie in Ihren Kalender eine Erinnerung für die Überprüfung nach einem Monat ein.
`,
        },
      ],
      quizzes: [
        {
          title: 'Schlussquiz',
          passMark: 70,
          maxAttempts: 3,
          shuffleQuestions: true,
          shuffleOptions: true,
          questions: [
            {
              prompt: 'Ein Kollege wirkt nach einem schwierigen Telefongespräch aufgewühlt. Was ist der beste erste Schritt?',
              kind: 'single',
              options: [
                { text: 'Ihm Ratschläge geben, wie er beim nächsten Mal mit dem Anrufer umgehen soll', correct: false },
                { text: 'Innehalten, sich ihm zuwenden und fragen, wie es ihm geht', correct: true },
                { text: 'Warten, bis er es in der nächsten Teamsitzung anspricht', correct: false },
                { text: 'Ihm sagen, dass das allen passiert', correct: false },
              ],
            },
            {
              prompt: 'Was gehört zur Ein-Minuten-Zuwendung?',
              kind: 'multiple',
              options: [
                { text: 'Bis zum Ende des Satzes zuhören, bevor man die Antwort vorbereitet', correct: true },
                { text: 'In wenigen Worten wiedergeben, was man gehört hat', correct: true },
                { text: 'Sagen, wie es weitergeht', correct: true },
                { text: 'Während die Person spricht, die Nachrichten lesen, um keine Zeit zu verlieren', correct: false },
              ],
            },
            {
              prompt: 'Wenn Sie eine Rückmeldung zur Arbeit eines Kindes geben, sollten Sie …',
              kind: 'single',
              options: [
                { text: 'sich zum Wert des Kindes als Person äussern', correct: false },
                { text: 'eine Sache nennen, die gut gelungen ist, und eine bestimmte Sache, die es verbessern kann', correct: true },
                { text: 'nichts erwähnen, was verbessert werden muss', correct: false },
              ],
            },
            {
              prompt: 'Welche Aussagen über Vergebung entsprechen diesem Kurs?',
              kind: 'multiple',
              options: [
                { text: 'Man kann jemandem vergeben und trotzdem eine Veränderung verlangen', correct: true },
                { text: 'Vergeben heisst, gefährliches Verhalten hinzunehmen', correct: false },
                { text: 'Vergebung setzt Aufmerksamkeit und Energie frei, die der Groll verbrauchen würde', correct: true },
                { text: 'Vergeben heisst, so zu tun, als sei nichts geschehen', correct: false },
              ],
            },
            {
              prompt: 'Welche dieser Entschuldigungen ist gut?',
              kind: 'single',
              options: [
                { text: '«Es tut mir leid, falls Sie sich gekränkt fühlen, aber Sie waren wieder zu spät.»', correct: false },
                {
                  text: '«Es tut mir leid, dass ich Sie vor den Eltern so scharf angesprochen habe. Das war unfair; beim nächsten Mal spreche ich Bedenken unter vier Augen an.»',
                  correct: true,
                },
                { text: '«Fehler passieren, lassen wir es einfach gut sein.»', correct: false },
              ],
            },
            {
              prompt: 'Was hilft, damit ein Ritual im Team oder in der Klasse Bestand hat?',
              kind: 'multiple',
              options: [
                { text: 'Mit einem Ritual beginnen und erklären, warum', correct: true },
                { text: 'Es zur Pflicht machen und festhalten, wer mitmacht', correct: false },
                { text: 'Es nach einem Monat überprüfen und weglassen, was nicht funktioniert', correct: true },
                { text: 'Die Menschen einladen, statt ihre Teilnahme zu verlangen', correct: true },
              ],
            },
            {
              prompt: 'Was sagt Ihnen ein breites 95-%-Konfidenzintervall um die mittlere Veränderung einer Gruppe?',
              kind: 'single',
              options: [
                { text: 'Dass der Kurs sicher gewirkt hat', correct: false },
                { text: 'Dass die Schätzung ungenau ist: Wir wissen noch nicht sicher, wie gross die Veränderung ist', correct: true },
                { text: 'Dass sich die meisten Lernenden stark verändert haben', correct: false },
              ],
            },
            {
              prompt: 'Welche dieser Anzeichen sind Signale, Erschöpfung ernst zu nehmen und Unterstützung zu suchen?',
              kind: 'multiple',
              options: [
                { text: 'Sich an den meisten Tagen erschöpft fühlen', correct: true },
                { text: 'Sich davor fürchten, zur Arbeit zu gehen', correct: true },
                { text: 'Sich von den Menschen, für die man sorgt, innerlich entfernt fühlen', correct: true },
                { text: 'Nach einer ungewöhnlich langen Schicht müde sein', correct: false },
              ],
            },
          ],
        },
      ],
    },
  ],
};
