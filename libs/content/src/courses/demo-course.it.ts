import type { CourseSeed } from '../course-seed.js';

/**
 * Demo course, Italian edition of `demoCourse`: same modules, lessons, minutes and quizzes
 * (questions and options in the same order, with the same correct answers).
 */
export const demoCourseIt: CourseSeed = {
  title: 'La gentilezza nella pratica quotidiana',
  summary:
    'Un corso accreditato per insegnanti e personale sanitario: che cosa significa la gentilezza come competenza professionale, come praticarla con alunni, pazienti e colleghi e come mantenerla nel tempo, compresa la gentilezza verso sé stessi. Otto ore, comprese le attività pratiche nel proprio luogo di lavoro.',
  locale: 'it',
  accreditation: { body: 'Demo Accreditation Board', reference: 'DAB-2026-0043', hours: 8 },
  // The accreditation rule (ACCREDITED_MIN_TIME_RATIO, default 0.5): at least half of the 8 hours studied online.
  completion: { minMinutes: 240 },
  selfEnrolment: true,
  modules: [
    {
      title: 'La gentilezza come competenza professionale',
      lessons: [
        {
          title: 'Che cosa intendiamo per gentilezza',
          minutes: 30,
          body: `## La gentilezza è una pratica, non uno stato d’animo

Nel linguaggio di tutti i giorni la gentilezza può sembrare un tratto del carattere: alcune persone «sono» gentili, altre no. In questo corso la consideriamo in un altro modo. La gentilezza è un insieme di cose che si fanno — notare, ascoltare, offrire aiuto, scegliere le parole con cura — e, come ogni competenza professionale, si può imparare, esercitare e migliorare.

Una definizione di lavoro per questo corso:

> La gentilezza è agire con vera attenzione ai bisogni di un’altra persona, rispettandone la dignità e senza chiedere nulla in cambio.

## Che cosa non è la gentilezza

- **Non è essere accomodanti a ogni costo.** Evitare ogni conversazione difficile non è gentile: lascia le persone senza le informazioni di cui hanno bisogno.
- **Non è debolezza.** Porre un limite chiaro, con calma e rispetto, è spesso la cosa più gentile che un insegnante o un infermiere possa fare.
- **Non è una recita.** La gentilezza fatta per essere notati suona vuota a chi la riceve.
- **Non è solo per chi ci sta simpatico.** Un luogo di lavoro gentile si riconosce da come tratta il collega, il genitore o il paziente con cui è difficile andare d’accordo.

## Tre ingredienti

1. **Attenzione** — vedere ciò di cui l’altra persona ha davvero bisogno, non ciò che supponiamo.
2. **Intenzione** — volere il suo bene, non solo la nostra comodità.
3. **Azione** — fare qualcosa, anche di piccolo, che l’altro possa percepire.

## Attività pratica

Prima della prossima lezione, annota tre momenti al lavoro in cui qualcuno è stato gentile con te. Per ciascuno, scrivi quale dei tre ingredienti hai notato di più.
`,
        },
        {
          title: 'Perché la gentilezza conta a scuola e nella cura',
          minutes: 30,
          body: `## Le persone che abbiamo davanti

Gli alunni che si sentono al sicuro con il loro insegnante fanno domande, sbagliano e riprovano più facilmente. I pazienti che si sentono rispettati dicono più spesso che cosa li preoccupa e seguono meglio il piano concordato. In entrambi i contesti la gentilezza non è una decorazione sopra il lavoro «vero»: è parte di un lavoro fatto bene.

## Le persone che abbiamo accanto

A scuola e in ospedale si lavora sotto la pressione del tempo e con un forte carico emotivo. Le piccole scortesie si sommano:

- una risposta brusca alla fine di un turno lungo;
- un collega lasciato solo con un compito difficile;
- un merito non riconosciuto.

Lo stesso vale per le piccole gentilezze. Un gruppo in cui ci si aspetta aiuto regge una brutta giornata; un gruppo in cui ci si aspetta critica tende a nascondere i problemi finché non crescono.

## Noi stessi

Le professioni di cura comportano un rischio noto di esaurimento, e la gentilezza viene talvolta presentata come un’ulteriore richiesta a persone già stanche. Questo corso sostiene il contrario: praticata bene, la gentilezza comprende la gentilezza verso sé stessi e può rendere il lavoro più significativo anziché più pesante. Ci torneremo nell’ultimo modulo.

## Una parola sulle prove

La ricerca su gentilezza, compassione e benessere al lavoro è in crescita, ma i risultati variano da un contesto all’altro e molti studi sono piccoli. Accogli le affermazioni, anche le nostre, con sana curiosità. Per questo il corso ti chiede di compilare una breve autovalutazione prima e dopo: per osservare il cambiamento con onestà, come gruppo, invece di darlo per scontato.

## Attività pratica

Pensa a un alunno, un paziente o un collega che questa settimana trarrebbe beneficio da un po’ più della tua attenzione, e decidi una cosa concreta che farai.
`,
        },
        {
          title: 'Cinque valori da praticare',
          minutes: 35,
          body: `## Cinque valori, un’unica pratica

Questo corso ruota intorno a cinque valori: **ottimismo, gentilezza, perdono, gratitudine e felicità**. Non sono materie separate. Ciascuno sostiene gli altri e ciascuno si può tradurre in piccole azioni ripetibili.

| Valore | Come può apparire al lavoro |
|---|---|
| Ottimismo | Aspettarsi che un alunno o un paziente possa fare progressi, e dirlo |
| Gentilezza | Notare i bisogni e rispondere con cura |
| Perdono | Lasciar andare il risentimento dopo un conflitto, senza fingere che non sia successo nulla |
| Gratitudine | Notare il contributo degli altri, e dirglielo |
| Felicità | Fare spazio a momenti di gioia e a risate condivise |

## Un ottimismo realistico

Qui ottimismo non significa ignorare i problemi. Significa tenere presente ciò che può ancora andare bene e cercare il prossimo passo possibile. Un’infermiera che dice «è difficile, e questo è ciò che possiamo fare adesso» è realistica e ottimista allo stesso tempo.

## Gratitudine e felicità come abitudini

Gratitudine e felicità possono sembrare sentimenti che arrivano o non arrivano. Eppure le abitudini le influenzano:

- fermarsi a fine giornata per notare che cosa è andato bene;
- ringraziare qualcuno per nome, per qualcosa di preciso;
- condividere un bel momento con un collega invece di tenerlo per sé.

Nessuna di queste cose richiede tempo in più. Richiedono attenzione.

## Attività pratica

Scegli il valore che ti riesce più difficile nel tuo lavoro attuale. Per una settimana, annota ogni giorno una piccola azione collegata a quel valore. Alla fine della settimana rileggi gli appunti e chiediti: che cosa è cambiato, per me o per gli altri?
`,
        },
      ],
      quizzes: [
        {
          title: 'Verifica la comprensione: la gentilezza al lavoro',
          passMark: 60,
          maxAttempts: 3,
          shuffleQuestions: false,
          shuffleOptions: true,
          questions: [
            {
              prompt: 'In questo corso la gentilezza è considerata soprattutto…',
              kind: 'single',
              options: [
                { text: 'un tratto del carattere che alcune persone hanno e altre no', correct: false },
                { text: 'un insieme di competenze che si possono imparare, esercitare e migliorare', correct: true },
                { text: 'un modo per evitare i conflitti con i colleghi', correct: false },
              ],
            },
            {
              prompt: 'Quali sono i tre ingredienti della gentilezza indicati nel corso?',
              kind: 'multiple',
              options: [
                { text: 'Attenzione', correct: true },
                { text: 'Intenzione', correct: true },
                { text: 'Azione', correct: true },
                { text: 'Perfezione', correct: false },
              ],
            },
            {
              prompt: 'Quale affermazione descrive un ottimismo realistico?',
              kind: 'single',
              options: [
                { text: 'Ignorare i problemi perché le persone restino motivate', correct: false },
                { text: 'Tenere presente ciò che può ancora andare bene e cercare il prossimo passo', correct: true },
                { text: 'Promettere che andrà tutto bene', correct: false },
              ],
            },
          ],
        },
      ],
    },
    {
      title: 'La gentilezza nel lavoro di ogni giorno',
      lessons: [
        {
          title: 'L’attenzione: il primo gesto di gentilezza',
          minutes: 40,
          body: `## Perché l’attenzione viene prima

Non possiamo rispondere bene a un bisogno che non abbiamo notato. In classi e reparti affollati l’attenzione è la risorsa più scarsa che abbiamo, e quella che le persone percepiscono più direttamente. Ricevere piena attenzione, anche per un solo minuto, dice a una persona: qui tu conti.

## Il check-in di un minuto

Quando qualcuno viene da te con una domanda o una preoccupazione:

1. **Fermati**, se puoi farlo in sicurezza, e girati verso di lui o di lei.
2. **Guarda** la persona, non lo schermo o la cartella clinica.
3. **Ascolta** la frase fino alla fine prima di preparare la risposta.
4. **Riformula** in poche parole ciò che hai sentito: «Quindi ti preoccupa che…»
5. **Di’ che cosa succede dopo**, anche se la risposta è «Adesso non posso, ma torno alle tre».

Un minuto di vera attenzione spesso fa risparmiare tempo dopo, perché i malintesi vengono colti presto.

## Notare chi sta in silenzio

L’alunno che non chiede mai aiuto e il paziente che dice sempre «sto bene» passano facilmente inosservati. Prendi l’abitudine di cercarli: chi non ha parlato oggi? Chi sembra diverso dal solito?

## L’attenzione tra lingue diverse

In molte scuole e molti ospedali le persone non hanno la stessa lingua madre. Parla lentamente e usa parole semplici. Verifica la comprensione con una domanda aperta invece di «È chiaro?», e ricorri a un interprete o a materiale tradotto quando la questione è importante.

## Attività pratica

Questa settimana usa di proposito il check-in di un minuto almeno tre volte. Poi annota che cosa hai scoperto che altrimenti ti sarebbe sfuggito.
`,
        },
        {
          title: 'Parole gentili nelle conversazioni difficili',
          minutes: 45,
          body: `## Essere chiari è gentile

Le conversazioni difficili — un riscontro su un lavoro scadente, una preoccupazione per il comportamento di un bambino, una cattiva notizia su una diagnosi — sono il momento in cui la gentilezza viene messa più alla prova. La scelta gentile raramente è ammorbidire il messaggio fino a farlo sparire. È essere chiari, onesti e rispettosi allo stesso tempo.

## Una struttura semplice

- **Prepararsi.** Sapere che cosa si deve dire e che cosa si spera che l’altra persona possa farne. Scegliere un luogo tranquillo e abbastanza tempo.
- **Aprire con delicatezza.** Dire perché si vuole parlare: «Vorrei parlare con te della lezione di ieri».
- **Descrivere, non etichettare.** «Hai alzato la voce due volte durante la riunione» si ascolta meglio di «Sei stato aggressivo».
- **Fare una pausa.** Lasciare all’altro il tempo di reagire. Il silenzio non è un vuoto da riempire.
- **Riconoscere le emozioni.** «Vedo che questo ti turba» non cambia i fatti, ma mostra che vedi la persona.
- **Concordare un passo successivo.** Chiudere con qualcosa di concreto che ciascuno farà.

## Riscontri agli alunni

Commenta il lavoro e l’impegno, mai il valore del bambino. Indica una cosa riuscita bene e una cosa precisa da migliorare, e assicurati che l’alunno sappia come farlo.

## Cattive notizie nella cura

Segui i protocolli della tua organizzazione. Al loro interno, scopri che cosa la persona sa già, dai le informazioni a piccole dosi e chiedi che cosa vorrebbe sapere di più. Qui gentilezza significa dosare i tempi, essere onesti ed esserci.

## Attività pratica

Pensa a una conversazione che continui a rimandare. Scrivi le prime due frasi che userai e il passo successivo che proporrai.
`,
        },
        {
          title: 'Piccoli rituali per gruppi di lavoro e classi',
          minutes: 40,
          body: `## Perché i rituali aiutano

La gentilezza si diffonde più facilmente quando non dipende dal fatto che ciascuno si ricordi di essere gentile in una giornata difficile. Piccoli rituali condivisi la rendono parte del modo di funzionare di un gruppo. Devono essere brevi, basati sulla libera adesione e facili da mantenere.

## Idee per il personale

- **Un minuto di buone notizie** all’inizio del passaggio di consegne o della riunione: una cosa andata bene dall’ultima volta.
- **Biglietti di ringraziamento** su una bacheca comune o in un canale del gruppo, con ciò che la persona ha fatto.
- **Il «come stai?» tra colleghi** dopo un evento difficile: ciascuno chiede a un collega «Come stai dopo quello che è successo?»
- **Pause protette:** i colleghi si coprono a vicenda perché tutti possano davvero fermarsi qualche minuto.

## Idee per le classi

- **Il barattolo della gentilezza:** gli alunni scrivono i gesti gentili che hanno notato e il venerdì la classe ne legge alcuni ad alta voce.
- **Il cerchio del mattino:** una frase ciascuno su come si arriva oggi.
- **Accordi di classe** scritti con gli alunni, con le loro parole, su come ci trattiamo.
- **Apprezzamenti dopo il lavoro di gruppo:** ogni membro dice una cosa che un altro ha fatto bene.

## Che sia autentico

I rituali falliscono quando diventano recite obbligatorie. Comincia con uno, spiega perché, invita invece di imporre e fai il punto dopo un mese. Lascia perdere ciò che non funziona.

## Attività pratica

Con il tuo gruppo o la tua classe scegli un rituale da provare per quattro settimane e decidete insieme quando farne il bilancio.
`,
        },
      ],
      quizzes: [],
    },
    {
      title: 'Mantenere la gentilezza nel tempo',
      lessons: [
        {
          title: 'La gentilezza verso sé stessi',
          minutes: 40,
          body: `## La persona che manca

Molti insegnanti e operatori sanitari sono molto più gentili con gli altri che con sé stessi. Si parlano con un tono che non userebbero mai con un alunno o un paziente, saltano le pause e mettono i propri bisogni all’ultimo posto. Col tempo questo rende la gentilezza verso gli altri più difficile, non più facile.

## Gentilezza verso sé, non indulgenza

Essere gentili con sé stessi non significa abbassare gli standard o sottrarsi alle responsabilità. Significa rispondere ai propri errori e alle proprie difficoltà come si risponderebbe a un collega che si stima: con onestà e con sostegno.

## Tre pratiche

1. **Ascolta la tua voce interiore.** Dopo un errore, che cosa ti dici? Lo diresti a un amico?
2. **Riscrivi la frase.** Sostituisci «Sono un disastro» con qualcosa di vero e utile: «Ho sbagliato l’orario; lo correggo e la prossima volta lo ricontrollo».
3. **Proteggi il recupero.** Sonno, cibo, movimento e tempo con le persone a cui vuoi bene non sono un lusso. Pianificali come pianifichi il lavoro.

## Sapere quando chiedere aiuto

Sentirsi stanchi ogni tanto fa parte di un lavoro impegnativo. Sentirsi esausti quasi tutti i giorni, temere di andare al lavoro o sentirsi distaccati dalle persone di cui ci si prende cura sono segnali da prendere sul serio. Parlane con una persona di fiducia e usa il sostegno che la tua organizzazione offre, come il servizio di medicina del lavoro o uno sportello di ascolto.

## Attività pratica

Per tre giorni, scrivi ogni giorno una frase autocritica e poi riscrivila come la direbbe un collega gentile e onesto.
`,
        },
        {
          title: 'Perdono e riparazione dopo un conflitto',
          minutes: 45,
          body: `## Il conflitto è normale

Dovunque si lavori a stretto contatto e sotto pressione nascono conflitti. Ciò che conta è quello che succede dopo. I gruppi che sanno riparare mantengono la fiducia; quelli che non lo fanno accumulano rancori silenziosi.

## Che cosa significa qui perdonare

Perdonare è lasciar andare il risentimento e il desiderio di rivalsa. **Non** significa:

- fingere che non sia successo nulla;
- accettare comportamenti pericolosi o abusivi;
- rinunciare a procedure eque quando le regole sono state violate.

Si può perdonare qualcuno e allo stesso tempo chiedergli di cambiare. Il perdono serve soprattutto a chi perdona: libera attenzione ed energia che il risentimento consumerebbe.

## I passi della riparazione

1. **Calmarsi.** Aspettare che entrambi possiate parlare con calma, ma non tanto da lasciare che la questione si irrigidisca.
2. **Assumersi la propria parte.** Partire da ciò che si sarebbe potuto fare diversamente.
3. **Ascoltare la versione dell’altro** senza interrompere.
4. **Nominare le conseguenze** per ciascuno di voi e per alunni o pazienti.
5. **Concordare che cosa sarà diverso** la prossima volta.

## Scusarsi bene

Delle buone scuse dicono che cosa è successo, riconoscono l’effetto, evitano il «ma» e si offrono di rimediare: «Mi dispiace di averti parlato in modo brusco davanti ai genitori. È stato ingiusto e imbarazzante per te. La prossima volta ti parlerò dei miei dubbi in privato».

## Perdonare sé stessi

Gli stessi passi valgono quando la persona da perdonare sei tu: riconoscere, imparare, riparare ciò che si può e andare avanti.

## Attività pratica

Pensa a una piccola tensione irrisolta con un collega e pianifica come potresti avviare una conversazione di riparazione.
`,
        },
        {
          title: 'Il tuo piano di gentilezza',
          minutes: 45,
          body: `## Dal corso all’abitudine

I corsi finiscono; le abitudini continuano solo se le pianifichiamo. Quest’ultima lezione ti aiuta a trasformare ciò che hai imparato in un piano per i prossimi tre mesi.

## Costruisci il tuo piano

Scrivi:

- **Un valore**, tra i cinque, che vuoi rafforzare.
- **Due piccole azioni** collegate, abbastanza precise da poterle verificare: «Ringraziare un collega per nome a ogni cambio turno», non «Essere più riconoscente».
- **Quando e dove** le farai.
- **Un ostacolo** che potrebbe mettersi di mezzo, e che cosa farai in quel caso.
- **Una persona** a cui racconterai il tuo piano.

## Misurare il cambiamento con onestà

All’inizio del corso hai compilato una breve autovalutazione riflessiva, e la compilerai di nuovo prima di ricevere l’attestato. La tua organizzazione vede solo risultati di gruppo, e solo quando hanno partecipato abbastanza persone: lo scopo è capire se il corso aiuta persone come te, non giudicare qualcuno.

Tieni presente che cosa questi numeri possono dire e che cosa no. Un cambiamento tra il prima e il dopo può dipendere dal corso, dalla stagione o da molte altre cose. L’intervallo di confidenza mostrato con i risultati indica quanto è precisa la stima: un intervallo ampio significa «non ne siamo ancora sicuri».

## Andare avanti

Riprendi il tuo piano dopo un mese. Tieni ciò che funziona, cambia ciò che non funziona e condividi con il tuo gruppo ciò che hai imparato.

## Attività pratica

Completa ora il tuo piano e metti un promemoria in agenda per la verifica dopo un mese.
`,
        },
      ],
      quizzes: [
        {
          title: 'Verifica finale',
          passMark: 70,
          maxAttempts: 3,
          shuffleQuestions: true,
          shuffleOptions: true,
          questions: [
            {
              prompt: 'Una collega sembra turbata dopo una telefonata difficile. Qual è il primo passo migliore?',
              kind: 'single',
              options: [
                { text: 'Darle consigli su come gestire la prossima volta chi ha chiamato', correct: false },
                { text: 'Fermarsi, girarsi verso di lei e chiederle come sta', correct: true },
                { text: 'Aspettare che ne parli alla prossima riunione di gruppo', correct: false },
                { text: 'Dirle che capita a tutti', correct: false },
              ],
            },
            {
              prompt: 'Quali di questi elementi fanno parte del check-in di un minuto?',
              kind: 'multiple',
              options: [
                { text: 'Ascoltare la frase fino alla fine prima di preparare la risposta', correct: true },
                { text: 'Riformulare in poche parole ciò che si è sentito', correct: true },
                { text: 'Dire che cosa succede dopo', correct: true },
                { text: 'Controllare i messaggi mentre l’altro parla, per non perdere tempo', correct: false },
              ],
            },
            {
              prompt: 'Quando dai un riscontro sul lavoro di un alunno, dovresti…',
              kind: 'single',
              options: [
                { text: 'commentare il valore del bambino come persona', correct: false },
                { text: 'indicare una cosa riuscita bene e una cosa precisa da migliorare', correct: true },
                { text: 'evitare di citare qualsiasi cosa da migliorare', correct: false },
              ],
            },
            {
              prompt: 'Quali affermazioni sul perdono corrispondono a questo corso?',
              kind: 'multiple',
              options: [
                { text: 'Si può perdonare qualcuno e allo stesso tempo chiedergli di cambiare', correct: true },
                { text: 'Perdonare significa accettare comportamenti pericolosi', correct: false },
                { text: 'Il perdono libera attenzione ed energia che il risentimento consumerebbe', correct: true },
                { text: 'Perdonare significa fingere che non sia successo nulla', correct: false },
              ],
            },
            {
              prompt: 'Quale di queste è una buona scusa?',
              kind: 'single',
              options: [
                { text: '«Mi dispiace se ti sei offeso, ma sei arrivato di nuovo in ritardo.»', correct: false },
                {
                  text: '«Mi dispiace di averti parlato in modo brusco davanti ai genitori. È stato ingiusto; la prossima volta ti parlerò in privato.»',
                  correct: true,
                },
                { text: '«Gli errori capitano, andiamo avanti e basta.»', correct: false },
              ],
            },
            {
              prompt: 'Che cosa aiuta un rituale di gruppo o di classe a durare?',
              kind: 'multiple',
              options: [
                { text: 'Cominciare con un solo rituale e spiegarne il perché', correct: true },
                { text: 'Renderlo obbligatorio e registrare chi partecipa', correct: false },
                { text: 'Fare il punto dopo un mese e lasciar perdere ciò che non funziona', correct: true },
                { text: 'Invitare le persone invece di obbligarle a partecipare', correct: true },
              ],
            },
            {
              prompt: 'Che cosa ti dice un intervallo di confidenza al 95% ampio intorno al cambiamento medio di una coorte?',
              kind: 'single',
              options: [
                { text: 'Che il corso ha sicuramente funzionato', correct: false },
                { text: 'Che la stima è imprecisa: non sappiamo ancora quanto sia grande il cambiamento', correct: true },
                { text: 'Che la maggior parte dei partecipanti è cambiata molto', correct: false },
              ],
            },
            {
              prompt: 'Quali di questi sono segnali per prendere sul serio l’esaurimento e chiedere sostegno?',
              kind: 'multiple',
              options: [
                { text: 'Sentirsi esausti quasi tutti i giorni', correct: true },
                { text: 'Temere di andare al lavoro', correct: true },
                { text: 'Sentirsi distaccati dalle persone di cui ci si prende cura', correct: true },
                { text: 'Sentirsi stanchi dopo un turno eccezionalmente lungo', correct: false },
              ],
            },
          ],
        },
      ],
    },
  ],
};
