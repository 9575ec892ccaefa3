/* eslint-disable no-irregular-whitespace -- French typesetting: the no-break spaces (U+00A0, U+202F) before : ; ? ! and inside « » in the lesson texts are intended. */
import type { CourseSeed } from '../course-seed.js';

/**
 * Demo course, French edition of `demoCourse`: same modules, lessons, minutes and quizzes
 * (questions and options in the same order, with the same correct answers).
 */
export const demoCourseFr: CourseSeed = {
  title: 'La bienveillance au quotidien',
  summary:
    'Un cours accrédité pour le personnel enseignant et soignant : ce que signifie la bienveillance comme compétence professionnelle, comment la pratiquer avec les élèves, les patients et les collègues, et comment la faire durer, y compris la bienveillance envers soi-même. Huit heures, exercices pratiques sur votre lieu de travail compris.',
  locale: 'fr',
  accreditation: { body: 'Demo Accreditation Board', reference: 'DAB-2026-0042', hours: 8 },
  // The accreditation rule (ACCREDITED_MIN_TIME_RATIO, default 0.5): at least half of the 8 hours studied online.
  completion: { minMinutes: 240 },
  selfEnrolment: true,
  modules: [
    {
      title: 'La bienveillance, une compétence professionnelle',
      lessons: [
        {
          title: 'Ce que nous entendons par bienveillance',
          minutes: 30,
          body: `## La bienveillance est une pratique, pas une humeur

Dans le langage courant, la bienveillance peut passer pour un trait de caractère : certaines personnes « sont » bienveillantes, d’autres non. Dans ce cours, nous la voyons autrement. La bienveillance est un ensemble de choses que l’on fait – remarquer, écouter, proposer son aide, choisir ses mots avec soin – et, comme toute compétence professionnelle, elle s’apprend, se pratique et s’améliore.

Une définition de travail pour ce cours :

> La bienveillance, c’est agir avec une réelle attention aux besoins d’une autre personne, en respectant sa dignité et sans rien attendre en retour.

## Ce que la bienveillance n’est pas

- **Pas la gentillesse à tout prix.** Éviter toute conversation difficile n’est pas bienveillant : cela prive les personnes des informations dont elles ont besoin.
- **Pas une faiblesse.** Poser une limite claire, calmement et avec respect, est souvent ce qu’une enseignante ou un infirmier peut faire de plus bienveillant.
- **Pas une mise en scène.** La bienveillance pratiquée pour être vue sonne souvent creux pour la personne qui la reçoit.
- **Pas seulement pour les personnes que l’on apprécie.** Un lieu de travail bienveillant se reconnaît à la façon dont il traite la collègue, le parent ou le patient difficile à apprécier.

## Trois ingrédients

1. **L’attention** – voir ce dont l’autre a réellement besoin, et non ce que nous supposons.
2. **L’intention** – vouloir son bien, et pas seulement notre propre confort.
3. **L’action** – faire quelque chose, aussi petit soit-il, qu’il ou elle puisse ressentir.

## Exercice

Avant la prochaine leçon, notez trois moments au travail où quelqu’un a été bienveillant avec vous. Pour chacun, indiquez lequel des trois ingrédients vous a le plus frappé.
`,
        },
        {
          title: 'Pourquoi la bienveillance compte à l’école et dans les soins',
          minutes: 30,
          body: `## Les personnes en face de nous

Les élèves en sécurité avec leur enseignant osent davantage questionner, se tromper et recommencer. Les patients respectés disent plus volontiers ce qui les inquiète et suivent plus souvent le plan convenu. Dans les deux cas, la bienveillance n’est pas une décoration posée sur le « vrai » travail : elle fait partie de ce qui permet de bien le faire.

## Les personnes à nos côtés

Les équipes des écoles et des hôpitaux travaillent sous la pression du temps et avec une forte charge émotionnelle. Les petites malveillances s’accumulent :

- une réponse sèche à la fin d’une longue garde ;
- une collègue laissée seule face à une tâche difficile ;
- un bon travail que personne ne reconnaît.

Les petites attentions s’accumulent aussi. Une équipe où l’on s’attend à de l’aide encaisse une mauvaise journée ; une équipe où l’on s’attend à des critiques a tendance à cacher les problèmes jusqu’à ce qu’ils grossissent.

## Nous-mêmes

Les métiers du soin comportent un risque d’épuisement connu, et la bienveillance est parfois présentée comme une exigence de plus pour des personnes fatiguées. Ce cours défend l’inverse : bien pratiquée, la bienveillance inclut la bienveillance envers soi-même et peut rendre le travail plus riche de sens plutôt que plus lourd. Nous y reviendrons à la fin du cours.

## Un mot sur les preuves

La recherche sur la bienveillance et le bien-être au travail progresse, mais ses résultats varient et beaucoup d’études sont petites. Accueillez les affirmations, y compris les nôtres, avec curiosité. C’est pourquoi ce cours vous propose une courte auto-évaluation avant et après : pour examiner le changement honnêtement, en groupe.

## Exercice

Pensez à un élève, un patient ou une collègue qui aurait besoin d’un peu plus de votre attention cette semaine, et choisissez une chose concrète que vous ferez.
`,
        },
        {
          title: 'Cinq valeurs à pratiquer',
          minutes: 35,
          body: `## Cinq valeurs, une pratique

Ce cours s’articule autour de cinq valeurs : **l’optimisme, la bienveillance, le pardon, la gratitude et le bonheur**. Ce ne sont pas des matières séparées. Chacune soutient les autres, et chacune peut se traduire en petites actions répétables.

| Valeur | À quoi elle peut ressembler au travail |
|---|---|
| Optimisme | S’attendre à ce qu’un élève ou un patient puisse progresser, et le lui dire |
| Bienveillance | Remarquer les besoins et y répondre avec soin |
| Pardon | Lâcher la rancune après un conflit, sans faire comme si rien ne s’était passé |
| Gratitude | Remarquer ce que les autres apportent, et le leur dire |
| Bonheur | Faire de la place aux moments de joie et aux rires partagés |

## Un optimisme réaliste

L’optimisme ne signifie pas ici ignorer les problèmes. Il consiste à garder en vue ce qui peut encore bien se passer et à chercher la prochaine étape possible. Une infirmière qui dit « c’est difficile, et voici ce que nous pouvons faire maintenant » est à la fois réaliste et optimiste.

## La gratitude et le bonheur comme habitudes

La gratitude et le bonheur peuvent sembler des sentiments qui viennent ou ne viennent pas. Les habitudes les influencent pourtant :

- faire une pause en fin de journée pour remarquer ce qui s’est bien passé ;
- remercier quelqu’un par son nom pour quelque chose de précis ;
- partager un bon moment avec une collègue au lieu de le garder pour soi.

Rien de tout cela ne demande du temps en plus. Cela demande de l’attention.

## Exercice

Choisissez la valeur qui vous semble la plus difficile dans votre travail actuel. Pendant une semaine, notez chaque jour une petite action qui s’y rattache. À la fin de la semaine, relisez vos notes et demandez-vous : qu’est-ce qui a changé, pour moi ou pour les autres ?
`,
        },
      ],
      quizzes: [
        {
          title: 'Vérifiez votre compréhension : la bienveillance au travail',
          passMark: 60,
          maxAttempts: 3,
          shuffleQuestions: false,
          shuffleOptions: true,
          questions: [
            {
              prompt: 'Dans ce cours, la bienveillance est surtout considérée comme…',
              kind: 'single',
              options: [
                { text: 'un trait de caractère que certaines personnes ont et d’autres pas', correct: false },
                { text: 'un ensemble de compétences qui s’apprennent, se pratiquent et s’améliorent', correct: true },
                { text: 'une manière d’éviter les conflits avec les collègues', correct: false },
              ],
            },
            {
              prompt: 'Quels sont les trois ingrédients de la bienveillance cités dans le cours ?',
              kind: 'multiple',
              options: [
                { text: 'L’attention', correct: true },
                { text: 'L’intention', correct: true },
                { text: 'L’action', correct: true },
                { text: 'La perfection', correct: false },
              ],
            },
            {
              prompt: 'Quelle affirmation décrit un optimisme réaliste ?',
              kind: 'single',
              options: [
                { text: 'Ignorer les problèmes pour que chacun reste motivé', correct: false },
                { text: 'Garder en vue ce qui peut encore bien se passer et chercher la prochaine étape', correct: true },
                { text: 'Promettre que tout ira bien', correct: false },
              ],
            },
          ],
        },
      ],
    },
    {
      title: 'La bienveillance au travail, jour après jour',
      lessons: [
        {
          title: 'L’attention : le premier geste de bienveillance',
          minutes: 40,
          body: `## Pourquoi l’attention vient en premier

Nous ne pouvons pas bien répondre à un besoin que nous n’avons pas remarqué. Dans les classes et les services chargés, l’attention est notre ressource la plus rare, et celle que les gens ressentent le plus directement. Être pleinement écouté, même une minute, dit à une personne : tu comptes ici.

## La minute d’attention

Quand quelqu’un vient vers vous avec une question ou une inquiétude :

1. **Arrêtez-vous**, si vous pouvez le faire sans risque, et tournez-vous vers la personne.
2. **Regardez** la personne, pas l’écran ni le dossier.
3. **Écoutez** jusqu’au bout de sa phrase avant de préparer votre réponse.
4. **Reformulez** en quelques mots ce que vous avez entendu : « Si je comprends bien, vous craignez que… »
5. **Dites ce qui va se passer ensuite**, même si la réponse est « Je ne peux pas maintenant, mais je reviens à trois heures. »

Une minute d’attention réelle fait souvent gagner du temps ensuite, car les malentendus sont repérés tôt.

## Remarquer les discrets

L’élève qui ne demande jamais d’aide et le patient qui répond toujours « ça va » passent facilement inaperçus. Prenez l’habitude de les chercher du regard : qui n’a pas parlé aujourd’hui ? Qui semble différent de d’habitude ?

## L’attention au-delà des langues

Dans de nombreuses écoles et de nombreux hôpitaux, les personnes n’ont pas la même langue maternelle. Parlez lentement, avec des mots simples. Vérifiez la compréhension par une question ouverte plutôt que par « C’est clair ? », et faites appel à un interprète ou à des documents traduits lorsque le sujet est important.

## Exercice

Pratiquez délibérément la minute d’attention au moins trois fois cette semaine. Notez ensuite ce que vous avez appris et qui vous aurait sinon échappé.
`,
        },
        {
          title: 'Des mots bienveillants dans les conversations difficiles',
          minutes: 45,
          body: `## Être clair, c’est être bienveillant

Les conversations difficiles – un retour sur un travail insuffisant, une inquiétude au sujet du comportement d’un enfant, une mauvaise nouvelle concernant un diagnostic – sont le lieu où la bienveillance est le plus mise à l’épreuve. L’option bienveillante consiste rarement à adoucir le message jusqu’à ce qu’il disparaisse. Elle consiste à être à la fois clair, honnête et respectueux.

## Une structure simple

- **Préparer.** Sachez ce que vous devez dire et ce que vous espérez que l’autre puisse en faire. Choisissez un endroit calme et prenez le temps nécessaire.
- **Ouvrir en douceur.** Dites pourquoi vous souhaitez parler : « J’aimerais parler avec vous du cours d’hier. »
- **Décrire, ne pas étiqueter.** « Vous avez haussé le ton deux fois pendant la réunion » s’entend plus facilement que « Vous avez été agressif. »
- **Faire une pause.** Laissez à l’autre le temps de réagir. Le silence n’est pas un vide à combler.
- **Reconnaître les émotions.** « Je vois que cela vous touche » ne change pas les faits, mais montre que vous voyez la personne.
- **Convenir d’une prochaine étape.** Terminez par quelque chose de concret que chacun fera.

## Les retours aux élèves

Commentez le travail et l’effort, jamais la valeur de l’enfant. Relevez une chose réussie et un point précis à améliorer, et assurez-vous que l’élève sait comment y parvenir.

## Les mauvaises nouvelles dans les soins

Suivez les protocoles de votre établissement. Dans ce cadre, cherchez à savoir ce que la personne sait déjà, donnez l’information par petites étapes et demandez-lui sur quoi elle aimerait en savoir plus. Ici, la bienveillance, c’est le bon rythme, l’honnêteté et la présence.

## Exercice

Pensez à une conversation que vous repoussez. Écrivez les deux premières phrases que vous prononcerez et la prochaine étape que vous proposerez.
`,
        },
        {
          title: 'Petits rituels pour les équipes et les classes',
          minutes: 40,
          body: `## Pourquoi les rituels aident

La bienveillance se diffuse plus facilement quand elle ne dépend pas de la mémoire de chacun un jour difficile. De petits rituels partagés l’intègrent à la façon dont un groupe fonctionne. Ils doivent être courts, volontaires dans leur esprit et faciles à entretenir.

## Des idées pour les équipes

- **Une minute de bonnes nouvelles** au début d’une transmission ou d’une réunion d’équipe : une chose qui s’est bien passée depuis la dernière fois.
- **Des mots de remerciement** sur un tableau commun ou dans le canal de l’équipe, en nommant ce que la personne a fait.
- **Un point entre collègues** après un événement difficile : chacun demande à un collègue « Comment vas-tu après ça ? »
- **Des pauses protégées :** les collègues se relaient pour que chacun s’arrête vraiment quelques minutes.

## Des idées pour les classes

- **Un bocal de la bienveillance :** les élèves notent les gestes bienveillants qu’ils ont remarqués, et la classe en lit quelques-uns le vendredi.
- **Un cercle du matin :** une phrase chacun sur l’état dans lequel il arrive aujourd’hui.
- **Des règles de classe** écrites avec les élèves, avec leurs mots, sur la façon dont nous nous traitons.
- **Une appréciation après un travail de groupe :** chaque membre cite une chose qu’un autre a bien faite.

## Rester authentique

Les rituels échouent lorsqu’ils deviennent des obligations. Commencez par un seul, expliquez pourquoi, invitez plutôt qu’imposer, et faites le point après un mois. Abandonnez ce qui ne marche pas.

## Exercice

Avec votre équipe ou votre classe, choisissez un rituel à essayer pendant quatre semaines et convenez ensemble du moment où vous en ferez le bilan.
`,
        },
      ],
      quizzes: [],
    },
    {
      title: 'Faire durer la bienveillance',
      lessons: [
        {
          title: 'La bienveillance envers soi-même',
          minutes: 40,
          body: `## La personne oubliée

Beaucoup d’enseignants et de soignants sont bien plus bienveillants envers les autres qu’envers eux-mêmes. Ils se parlent sur un ton qu’ils n’emploieraient jamais avec un élève ou un patient, sautent leurs pauses et traitent leurs propres besoins comme secondaires. Avec le temps, la bienveillance envers les autres devient plus difficile, pas plus facile.

## Se traiter avec bienveillance n’est pas se complaire

Être bienveillant envers soi-même ne signifie pas baisser ses exigences ni fuir ses responsabilités. Cela signifie réagir à ses propres erreurs et difficultés comme on réagirait avec un collègue que l’on respecte : avec honnêteté et soutien.

## Trois pratiques

1. **Écoutez votre voix intérieure.** Après une erreur, que vous dites-vous ? Le diriez-vous à une amie ?
2. **Réécrivez la phrase.** Remplacez « Je suis nulle » par quelque chose de vrai et d’utile : « Je me suis trompée dans l’horaire ; je le corrige et je vérifierai la prochaine fois. »
3. **Protégez la récupération.** Le sommeil, l’alimentation, le mouvement et le temps passé avec des personnes que vous aimez ne sont pas des luxes. Planifiez-les comme vous planifiez votre travail.

## Savoir quand demander de l’aide

Se sentir usé de temps en temps fait partie d’un travail exigeant. Se sentir épuisé la plupart des jours, redouter d’aller travailler ou se sentir détaché des personnes dont on prend soin sont des signaux à prendre au sérieux. Parlez-en à une personne de confiance et faites appel au soutien proposé par votre établissement, comme la médecine du travail ou un service d’aide au personnel.

## Exercice

Pendant trois jours, notez chaque jour une phrase autocritique, puis réécrivez-la comme le dirait un collègue bienveillant et honnête.
`,
        },
        {
          title: 'Pardon et réparation après un conflit',
          minutes: 45,
          body: `## Le conflit est normal

Partout où des personnes travaillent étroitement sous pression, il y a des conflits. Ce qui compte, c’est la suite. Les équipes qui savent réparer gardent la confiance ; les autres accumulent des rancunes silencieuses.

## Ce que signifie le pardon ici

Pardonner, c’est lâcher la rancune et l’envie de se venger. Cela ne veut **pas** dire :

- faire comme si rien ne s’était passé ;
- accepter un comportement dangereux ou abusif ;
- renoncer à des procédures équitables lorsque des règles ont été enfreintes.

On peut pardonner à quelqu’un et lui demander quand même de changer. Le pardon profite surtout à la personne qui pardonne : il libère l’attention et l’énergie que la rancune consommerait.

## Les étapes de la réparation

1. **Se calmer.** Attendez de pouvoir parler calmement tous les deux, mais pas au point que le problème se fige.
2. **Assumer sa part.** Commencez par ce que vous auriez pu faire autrement.
3. **Écouter sa version** sans l’interrompre.
4. **Nommer les conséquences** pour chacun de vous, et pour les élèves ou les patients.
5. **Convenir de ce qui sera différent** la prochaine fois.

## Bien présenter ses excuses

De bonnes excuses nomment ce qui s’est passé, reconnaissent l’effet produit, évitent le « mais » et proposent de réparer : « Je suis désolé de vous avoir parlé sèchement devant les parents. C’était injuste et gênant pour vous. La prochaine fois, je vous ferai part de mes inquiétudes en privé. »

## Se pardonner à soi-même

Les mêmes étapes s’appliquent quand la personne à qui vous devez pardonner, c’est vous : reconnaître, apprendre, réparer ce qui peut l’être, et avancer.

## Exercice

Pensez à une petite tension non résolue avec un collègue et préparez la façon dont vous pourriez ouvrir une conversation de réparation.
`,
        },
        {
          title: 'Votre plan de bienveillance',
          minutes: 45,
          body: `## Du cours à l’habitude

Les cours se terminent ; les habitudes ne durent que si nous les planifions. Cette dernière leçon vous aide à transformer ce que vous avez appris en un plan pour les trois prochains mois.

## Construire votre plan

Notez :

- **Une valeur**, parmi les cinq, que vous voulez renforcer.
- **Deux petites actions** qui s’y rattachent, assez précises pour être vérifiées : « Remercier un collègue par son nom à chaque transmission », et non « Être plus reconnaissant ».
- **Quand et où** vous les ferez.
- **Un obstacle** qui pourrait se présenter, et ce que vous ferez alors.
- **Une personne** à qui vous parlerez de votre plan.

## Mesurer le changement honnêtement

Au début du cours, vous avez rempli une courte auto-évaluation, et vous la remplirez à nouveau avant de recevoir votre certificat. Votre établissement ne voit que des résultats de groupe, et seulement lorsque suffisamment de personnes ont participé : le but est de savoir si le cours aide des personnes comme vous, pas de juger qui que ce soit.

Gardez à l’esprit ce que ces chiffres peuvent dire ou non. Un changement entre avant et après peut venir du cours, de la saison ou de bien d’autres choses. L’intervalle de confiance affiché avec les résultats indique la précision de l’estimation : un intervalle large signifie « nous ne sommes pas encore sûrs ».

## Continuer

Revoyez votre plan après un mois. Gardez ce qui fonctionne, changez ce qui ne fonctionne pas et partagez ce que vous avez appris avec votre équipe.

## Exercice

Remplissez votre plan dès maintenant et inscrivez dans votre agenda un rappel pour le bilan à un mois.
`,
        },
      ],
      quizzes: [
        {
          title: 'Quiz final',
          passMark: 70,
          maxAttempts: 3,
          shuffleQuestions: true,
          shuffleOptions: true,
          questions: [
            {
              prompt: 'Une collègue semble bouleversée après un appel téléphonique difficile. Quelle est la meilleure première étape ?',
              kind: 'single',
              options: [
                { text: 'Lui donner des conseils pour gérer l’appelant la prochaine fois', correct: false },
                { text: 'S’arrêter, se tourner vers elle et lui demander comment elle va', correct: true },
                { text: 'Attendre qu’elle en parle à la prochaine réunion d’équipe', correct: false },
                { text: 'Lui dire que cela arrive à tout le monde', correct: false },
              ],
            },
            {
              prompt: 'Qu’est-ce qui fait partie de la minute d’attention ?',
              kind: 'multiple',
              options: [
                { text: 'Écouter jusqu’au bout de la phrase avant de préparer sa réponse', correct: true },
                { text: 'Reformuler en quelques mots ce que l’on a entendu', correct: true },
                { text: 'Dire ce qui va se passer ensuite', correct: true },
                { text: 'Consulter ses messages pendant que la personne parle, pour ne pas perdre de temps', correct: false },
              ],
            },
            {
              prompt: 'Quand vous faites un retour sur le travail d’un élève, vous devriez…',
              kind: 'single',
              options: [
                { text: 'commenter la valeur de l’enfant en tant que personne', correct: false },
                { text: 'relever une chose réussie et un point précis à améliorer', correct: true },
                { text: 'éviter de mentionner ce qui doit être amélioré', correct: false },
              ],
            },
            {
              prompt: 'Quelles affirmations sur le pardon correspondent à ce cours ?',
              kind: 'multiple',
              options: [
                { text: 'On peut pardonner à quelqu’un et lui demander quand même de changer', correct: true },
                { text: 'Pardonner, c’est accepter un comportement dangereux', correct: false },
                { text: 'Le pardon libère l’attention et l’énergie que la rancune consommerait', correct: true },
                { text: 'Pardonner, c’est faire comme si rien ne s’était passé', correct: false },
              ],
            },
            {
              prompt: 'Laquelle de ces excuses est une bonne excuse ?',
              kind: 'single',
              options: [
                { text: '« Désolé si vous vous êtes senti offensé, mais vous étiez encore en retard. »', correct: false },
                {
                  text: '« Je suis désolé de vous avoir parlé sèchement devant les parents. C’était injuste ; la prochaine fois, je vous ferai part de mes inquiétudes en privé. »',
                  correct: true,
                },
                { text: '« Les erreurs arrivent, passons à autre chose. »', correct: false },
              ],
            },
            {
              prompt: 'Qu’est-ce qui aide un rituel d’équipe ou de classe à durer ?',
              kind: 'multiple',
              options: [
                { text: 'Commencer par un seul rituel et expliquer pourquoi', correct: true },
                { text: 'Le rendre obligatoire et noter qui y participe', correct: false },
                { text: 'Faire le point après un mois et abandonner ce qui ne marche pas', correct: true },
                { text: 'Inviter les personnes plutôt qu’exiger leur participation', correct: true },
              ],
            },
            {
              prompt: 'Que vous indique un intervalle de confiance à 95 % large autour du changement moyen d’une cohorte ?',
              kind: 'single',
              options: [
                { text: 'Que le cours a certainement fonctionné', correct: false },
                { text: 'Que l’estimation est imprécise : nous ne savons pas encore quelle est l’ampleur du changement', correct: true },
                { text: 'Que la plupart des apprenants ont beaucoup changé', correct: false },
              ],
            },
            {
              prompt: 'Lesquels de ces signaux doivent faire prendre l’épuisement au sérieux et demander du soutien ?',
              kind: 'multiple',
              options: [
                { text: 'Se sentir épuisé la plupart des jours', correct: true },
                { text: 'Redouter d’aller travailler', correct: true },
                { text: 'Se sentir détaché des personnes dont on prend soin', correct: true },
                { text: 'Être fatigué après une garde exceptionnellement longue', correct: false },
              ],
            },
          ],
        },
      ],
    },
  ],
};
