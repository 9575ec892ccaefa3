import type { InstrumentDefinition, LocalizedText } from '@kindling/domain';

/** An instrument with its title, instructions and disclaimer in every language. */
export type PresentedInstrument = InstrumentDefinition & {
  title: LocalizedText;
  instructions: LocalizedText;
  disclaimer: LocalizedText;
};

/**
 * Kindling's own reflective self-assessment, written for this project (not adapted from any
 * published questionnaire): 20 statements on the movement's five values — optimism, kindness,
 * forgiveness, gratitude, happiness — and on well-being, answered on a 1–5 agreement scale.
 * One statement per scale is reverse-scored. It is a reflection aid, not a validated test.
 */
export const kindlingInstrument: PresentedInstrument = {
  key: 'kindling-reflect',
  version: 1,
  title: {
    en: 'Kindling reflective self-assessment',
    it: 'Autovalutazione riflessiva Kindling',
    de: 'Kindling-Selbsteinschätzung zur Reflexion',
    fr: 'Auto-évaluation réflexive Kindling',
  },
  instructions: {
    en: 'The following statements are about how you have thought, felt and acted over the last two weeks. For each one, choose how much you agree. There are no right or wrong answers: answer as honestly as you can.',
    it: 'Le affermazioni che seguono riguardano come hai pensato, che cosa hai provato e come hai agito nelle ultime due settimane. Per ciascuna, indica quanto sei d’accordo. Non ci sono risposte giuste o sbagliate: rispondi nel modo più sincero possibile.',
    de: 'Die folgenden Aussagen beziehen sich darauf, wie Sie in den letzten zwei Wochen gedacht, gefühlt und gehandelt haben. Geben Sie bei jeder Aussage an, wie sehr Sie ihr zustimmen. Es gibt keine richtigen oder falschen Antworten: Antworten Sie so ehrlich wie möglich.',
    fr: 'Les affirmations suivantes portent sur votre manière de penser, de ressentir et d’agir au cours des deux dernières semaines. Pour chacune, indiquez dans quelle mesure vous êtes d’accord. Il n’y a pas de bonnes ou de mauvaises réponses : répondez le plus sincèrement possible.',
  },
  disclaimer: {
    en: 'This is a reflective self-assessment written for Kindling. It is not a validated psychological or clinical test and must not be used to diagnose anyone or to judge individuals. Results are shown for groups only, to see how a cohort changes over a course. If you are going through a difficult time, please talk to someone you trust or to a health professional.',
    it: 'Questa è un’autovalutazione riflessiva scritta per Kindling. Non è un test psicologico o clinico validato e non deve essere usata per fare diagnosi né per giudicare le singole persone. I risultati vengono mostrati solo per gruppi, per vedere come cambia una coorte nel corso della formazione. Se stai attraversando un momento difficile, parlane con una persona di fiducia o con un professionista della salute.',
    de: 'Dies ist eine Selbsteinschätzung zur Reflexion, die für Kindling geschrieben wurde. Sie ist kein validierter psychologischer oder klinischer Test und darf weder für Diagnosen noch zur Beurteilung einzelner Personen verwendet werden. Die Ergebnisse werden nur für Gruppen gezeigt, um zu sehen, wie sich eine Kohorte im Verlauf eines Kurses verändert. Wenn Sie gerade eine schwierige Zeit durchmachen, sprechen Sie bitte mit einer Vertrauensperson oder mit einer Fachperson aus dem Gesundheitswesen.',
    fr: 'Ceci est une auto-évaluation réflexive rédigée pour Kindling. Ce n’est pas un test psychologique ou clinique validé : elle ne doit servir ni à poser un diagnostic ni à juger une personne. Les résultats ne sont présentés que pour des groupes, afin de voir comment une cohorte évolue au fil d’une formation. Si vous traversez une période difficile, parlez-en à une personne de confiance ou à un professionnel de santé.',
  },
  scale: {
    min: 1,
    max: 5,
    labels: {
      en: ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'],
      it: ['Per niente d’accordo', 'In disaccordo', 'Né d’accordo né in disaccordo', 'D’accordo', 'Del tutto d’accordo'],
      de: ['Stimme überhaupt nicht zu', 'Stimme eher nicht zu', 'Teils, teils', 'Stimme eher zu', 'Stimme voll und ganz zu'],
      fr: ['Pas du tout d’accord', 'Plutôt pas d’accord', 'Ni d’accord ni pas d’accord', 'Plutôt d’accord', 'Tout à fait d’accord'],
    },
  },
  scales: [
    { key: 'optimism', minItems: 2, name: { en: 'Optimism', it: 'Ottimismo', de: 'Optimismus', fr: 'Optimisme' } },
    { key: 'kindness', minItems: 3, name: { en: 'Kindness', it: 'Gentilezza', de: 'Freundlichkeit', fr: 'Gentillesse' } },
    { key: 'forgiveness', minItems: 2, name: { en: 'Forgiveness', it: 'Perdono', de: 'Vergebung', fr: 'Pardon' } },
    { key: 'gratitude', minItems: 2, name: { en: 'Gratitude', it: 'Gratitudine', de: 'Dankbarkeit', fr: 'Gratitude' } },
    { key: 'happiness', minItems: 2, name: { en: 'Happiness', it: 'Felicità', de: 'Glück', fr: 'Bonheur' } },
    { key: 'well-being', minItems: 3, name: { en: 'Well-being', it: 'Benessere', de: 'Wohlbefinden', fr: 'Bien-être' } },
  ],
  items: [
    {
      id: 'opt-1',
      scaleKey: 'optimism',
      reverse: false,
      text: {
        en: 'When I start something new, I expect that it can turn out well.',
        it: 'Quando inizio qualcosa di nuovo, mi aspetto che possa andare bene.',
        de: 'Wenn ich etwas Neues beginne, gehe ich davon aus, dass es gut ausgehen kann.',
        fr: 'Quand je commence quelque chose de nouveau, je m’attends à ce que cela puisse bien se passer.',
      },
    },
    {
      id: 'opt-2',
      scaleKey: 'optimism',
      reverse: true,
      text: {
        en: 'When a problem comes up, I tend to assume it will only get worse.',
        it: 'Quando si presenta un problema, tendo a pensare che non potrà che peggiorare.',
        de: 'Wenn ein Problem auftaucht, neige ich zu der Annahme, dass es nur schlimmer werden kann.',
        fr: 'Quand un problème survient, j’ai tendance à penser qu’il ne fera que s’aggraver.',
      },
    },
    {
      id: 'opt-3',
      scaleKey: 'optimism',
      reverse: false,
      text: {
        en: 'I can picture good things ahead of me in the coming months.',
        it: 'Riesco a immaginare cose belle che mi aspettano nei prossimi mesi.',
        de: 'Ich kann mir gut vorstellen, dass in den kommenden Monaten Gutes auf mich zukommt.',
        fr: 'J’arrive à imaginer de bonnes choses qui m’attendent dans les mois à venir.',
      },
    },
    {
      id: 'kin-1',
      scaleKey: 'kindness',
      reverse: false,
      text: {
        en: 'I offer help to the people I work with, even when nobody asks me to.',
        it: 'Offro il mio aiuto alle persone con cui lavoro, anche quando nessuno me lo chiede.',
        de: 'Ich biete den Menschen, mit denen ich arbeite, meine Hilfe an, auch wenn niemand darum bittet.',
        fr: 'J’offre mon aide aux personnes avec qui je travaille, même quand personne ne me le demande.',
      },
    },
    {
      id: 'kin-2',
      scaleKey: 'kindness',
      reverse: false,
      text: {
        en: 'When someone near me is having a hard day, I notice it.',
        it: 'Quando qualcuno vicino a me sta passando una giornata difficile, me ne accorgo.',
        de: 'Wenn jemand in meiner Nähe einen schweren Tag hat, bemerke ich das.',
        fr: 'Quand une personne autour de moi passe une journée difficile, je m’en rends compte.',
      },
    },
    {
      id: 'kin-3',
      scaleKey: 'kindness',
      reverse: true,
      text: {
        en: 'I am often too busy or too tired to be kind to the people around me.',
        it: 'Spesso la fretta o la stanchezza mi impediscono di essere gentile con le persone che mi circondano.',
        de: 'Ich bin oft zu beschäftigt oder zu müde, um freundlich zu den Menschen um mich herum zu sein.',
        fr: 'Le manque de temps ou la fatigue m’empêchent souvent d’être aimable avec les personnes qui m’entourent.',
      },
    },
    {
      id: 'kin-4',
      scaleKey: 'kindness',
      reverse: false,
      text: {
        en: 'I speak to others warmly and respectfully, even when I am under pressure.',
        it: 'Mi rivolgo agli altri con calore e rispetto, anche quando sono sotto pressione.',
        de: 'Ich spreche herzlich und respektvoll mit anderen, auch wenn ich unter Druck stehe.',
        fr: 'Je m’adresse aux autres avec chaleur et respect, même quand je suis sous pression.',
      },
    },
    {
      id: 'for-1',
      scaleKey: 'forgiveness',
      reverse: false,
      text: {
        en: 'When someone hurts me, I can let go of resentment after a while.',
        it: 'Quando qualcuno mi ferisce, dopo un po’ riesco a lasciar andare il risentimento.',
        de: 'Wenn mich jemand verletzt, kann ich meinen Groll nach einer Weile loslassen.',
        fr: 'Quand quelqu’un me blesse, j’arrive au bout d’un moment à laisser partir ma rancœur.',
      },
    },
    {
      id: 'for-2',
      scaleKey: 'forgiveness',
      reverse: true,
      text: {
        en: 'I keep going over the times other people have treated me unfairly.',
        it: 'Continuo a ripensare alle volte in cui gli altri sono stati ingiusti con me.',
        de: 'Ich denke immer wieder an die Situationen, in denen andere mich ungerecht behandelt haben.',
        fr: 'Je repense sans cesse aux fois où d’autres personnes ont été injustes envers moi.',
      },
    },
    {
      id: 'for-3',
      scaleKey: 'forgiveness',
      reverse: false,
      text: {
        en: 'I can forgive myself when I make a mistake.',
        it: 'Riesco a perdonarmi quando commetto un errore.',
        de: 'Ich kann mir selbst verzeihen, wenn ich einen Fehler mache.',
        fr: 'J’arrive à me pardonner quand je commets une erreur.',
      },
    },
    {
      id: 'gra-1',
      scaleKey: 'gratitude',
      reverse: false,
      text: {
        en: 'I notice small things in my day that I am thankful for.',
        it: 'Nelle mie giornate noto piccole cose per cui provo gratitudine.',
        de: 'Ich bemerke im Laufe des Tages kleine Dinge, für die ich dankbar bin.',
        fr: 'Je remarque dans mes journées de petites choses pour lesquelles j’éprouve de la gratitude.',
      },
    },
    {
      id: 'gra-2',
      scaleKey: 'gratitude',
      reverse: false,
      text: {
        en: 'I tell people when I appreciate what they have done.',
        it: 'Dico alle persone quando apprezzo quello che hanno fatto.',
        de: 'Ich sage anderen, wenn ich schätze, was sie getan haben.',
        fr: 'Je dis aux gens quand j’apprécie ce qu’ils ont fait.',
      },
    },
    {
      id: 'gra-3',
      scaleKey: 'gratitude',
      reverse: true,
      text: {
        en: 'I tend to take the good things in my life for granted.',
        it: 'Tendo a dare per scontate le cose buone della mia vita.',
        de: 'Ich neige dazu, das Gute in meinem Leben als selbstverständlich hinzunehmen.',
        fr: 'J’ai tendance à considérer les bonnes choses de ma vie comme allant de soi.',
      },
    },
    {
      id: 'hap-1',
      scaleKey: 'happiness',
      reverse: false,
      text: {
        en: 'On most days I find moments of real joy.',
        it: 'Quasi ogni giorno trovo momenti di vera gioia.',
        de: 'An den meisten Tagen erlebe ich Momente echter Freude.',
        fr: 'La plupart des jours, je vis des moments de vraie joie.',
      },
    },
    {
      id: 'hap-2',
      scaleKey: 'happiness',
      reverse: true,
      text: {
        en: 'These days I rarely feel happy.',
        it: 'In questo periodo mi sento raramente felice.',
        de: 'Zurzeit fühle ich mich selten glücklich.',
        fr: 'Ces temps-ci, je ressens rarement du bonheur.',
      },
    },
    {
      id: 'hap-3',
      scaleKey: 'happiness',
      reverse: false,
      text: {
        en: 'All in all, I am glad about the way my days are going.',
        it: 'Tutto sommato, mi piace come stanno andando le mie giornate.',
        de: 'Alles in allem bin ich froh darüber, wie meine Tage verlaufen.',
        fr: 'Dans l’ensemble, j’apprécie la façon dont se passent mes journées.',
      },
    },
    {
      id: 'wel-1',
      scaleKey: 'well-being',
      reverse: false,
      text: {
        en: 'I have enough energy for the things that matter to me.',
        it: 'Ho abbastanza energia per le cose che contano per me.',
        de: 'Ich habe genug Energie für die Dinge, die mir wichtig sind.',
        fr: 'J’ai assez d’énergie pour les choses qui comptent pour moi.',
      },
    },
    {
      id: 'wel-2',
      scaleKey: 'well-being',
      reverse: false,
      text: {
        en: 'After a demanding day, I manage to rest and recover.',
        it: 'Dopo una giornata impegnativa, riesco a riposarmi e a recuperare le forze.',
        de: 'Nach einem anstrengenden Tag gelingt es mir, mich auszuruhen und zu erholen.',
        fr: 'Après une journée exigeante, j’arrive à me reposer et à récupérer.',
      },
    },
    {
      id: 'wel-3',
      scaleKey: 'well-being',
      reverse: true,
      text: {
        en: 'Most of the time I feel worn out by my work or my studies.',
        it: 'Per la maggior parte del tempo il lavoro o lo studio mi lasciano senza forze.',
        de: 'Die meiste Zeit fühle ich mich von der Arbeit oder vom Lernen erschöpft.',
        fr: 'La plupart du temps, mon travail ou mes études m’épuisent.',
      },
    },
    {
      id: 'wel-4',
      scaleKey: 'well-being',
      reverse: false,
      text: {
        en: 'During the day I feel at peace with myself.',
        it: 'Durante la giornata provo un senso di pace interiore.',
        de: 'Im Laufe des Tages fühle ich mich mit mir selbst im Reinen.',
        fr: 'Au fil de la journée, je me sens en paix avec moi-même.',
      },
    },
  ],
};
