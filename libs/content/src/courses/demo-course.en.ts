import type { CourseSeed } from '../course-seed.js';

/**
 * Demo course, English edition: "Kindness in everyday practice", for teachers and health
 * staff. Written for Kindling; the accrediting body is fictitious.
 */
export const demoCourse: CourseSeed = {
  title: 'Kindness in everyday practice',
  summary:
    'An accredited course for teachers and health staff: what kindness means as a professional skill, how to practise it with pupils, patients and colleagues, and how to sustain it over time — including kindness towards yourself. Eight hours including practice in your own workplace.',
  locale: 'en',
  accreditation: { body: 'Demo Accreditation Board', reference: 'DAB-2026-0042', hours: 8 },
  // The accreditation rule (ACCREDITED_MIN_TIME_RATIO, default 0.5): at least half of the 8 hours studied online.
  completion: { minMinutes: 240 },
  selfEnrolment: true,
  modules: [
    {
      title: 'Kindness as a professional skill',
      lessons: [
        {
          title: 'What we mean by kindness',
          minutes: 30,
          body: `## Kindness is a practice, not a mood

In everyday language kindness can sound like a personality trait: some people "are" kind, others are not. In this course we treat it differently. Kindness is a set of things people do — noticing, listening, offering help, choosing words with care — and like any professional skill it can be learned, practised and improved.

A working definition for this course:

> Kindness is acting with real attention to another person's needs, in a way that respects their dignity and does not ask for anything in return.

## What kindness is not

- **Not being nice at any cost.** Avoiding every difficult conversation is not kind: it leaves people without the information they need.
- **Not weakness.** Setting a clear limit calmly and respectfully is often the kindest thing a teacher or a nurse can do.
- **Not a performance.** Kindness done in order to be seen tends to feel hollow to the person who receives it.
- **Not only for people we like.** The test of a kind workplace is how it treats the colleague, the parent or the patient who is hard to like.

## Three ingredients

1. **Attention** — seeing what the other person actually needs, not what we assume.
2. **Intention** — wanting their good, not only our own comfort.
3. **Action** — doing something, however small, that they can feel.

## Practice

Before the next lesson, note three moments at work when someone was kind to you. For each one, write down which of the three ingredients you noticed most.
`,
        },
        {
          title: 'Why kindness matters at school and in care',
          minutes: 30,
          body: `## The people in front of us

Pupils who feel safe with their teacher find it easier to ask questions, make mistakes and try again. Patients who feel respected are more likely to say what worries them and to follow the plan agreed with them. In both settings kindness is not decoration on top of the "real" work: it is part of how the work gets done well.

## The people beside us

Teams in schools and hospitals work under time pressure and emotional strain. Small unkindnesses add up:

- a sharp reply at the end of a long shift;
- a colleague left alone with a difficult task;
- credit not given for good work.

So do small kindnesses. A team where people expect help can absorb a bad day; a team where they expect criticism tends to hide problems until they grow.

## Ourselves

Caring professions carry a well-known risk of exhaustion, and kindness is sometimes presented as one more demand on tired people. This course takes the opposite view: practised well, kindness includes kindness towards yourself, and it can make work feel more meaningful rather than heavier. We return to this in the last module.

## A word on evidence

Research on kindness, compassion and well-being at work is growing, but results vary between settings and many studies are small. Treat claims — including ours — with healthy curiosity. That is also why this course asks you to complete a short self-assessment before and after: to look at change honestly, as a group, rather than to assume it.

## Practice

Think of one pupil, patient or colleague who would benefit from a little more of your attention this week, and decide on one concrete thing you will do.
`,
        },
        {
          title: 'Five values to practise',
          minutes: 35,
          body: `## Five values, one practice

This course is built around five values: **optimism, kindness, forgiveness, gratitude and happiness**. They are not separate subjects. Each supports the others, and each can be turned into small, repeatable actions.

| Value | What it can look like at work |
|---|---|
| Optimism | Expecting that a pupil or patient can make progress, and saying so |
| Kindness | Noticing needs and responding to them with care |
| Forgiveness | Letting go of resentment after a conflict, without pretending nothing happened |
| Gratitude | Noticing what others contribute, and telling them |
| Happiness | Making room for moments of joy and shared laughter |

## Realistic optimism

Optimism here does not mean ignoring problems. It means keeping in view what can still go well and looking for the next possible step. A nurse who says "this is hard, and here is what we can do next" is being realistic and optimistic at the same time.

## Gratitude and happiness as habits

Gratitude and happiness can sound like feelings that simply arrive or do not. Habits influence them, though:

- pausing at the end of the day to notice what went well;
- thanking someone by name for something specific;
- sharing a good moment with a colleague instead of keeping it to yourself.

None of these needs extra time. They need attention.

## Practice

Choose the value you find hardest in your current work. For one week, note each day one small action linked to it. At the end of the week, read your notes and ask yourself: what changed, for me or for others?
`,
        },
      ],
      quizzes: [
        {
          title: 'Check your understanding: kindness at work',
          passMark: 60,
          maxAttempts: 3,
          shuffleQuestions: false,
          shuffleOptions: true,
          questions: [
            {
              prompt: 'In this course, kindness is treated mainly as…',
              kind: 'single',
              options: [
                { text: 'a personality trait that some people have and others lack', correct: false },
                { text: 'a set of skills that can be learned, practised and improved', correct: true },
                { text: 'a way of avoiding conflict with colleagues', correct: false },
              ],
            },
            {
              prompt: 'Which of these are the three ingredients of kindness named in the course?',
              kind: 'multiple',
              options: [
                { text: 'Attention', correct: true },
                { text: 'Intention', correct: true },
                { text: 'Action', correct: true },
                { text: 'Perfection', correct: false },
              ],
            },
            {
              prompt: 'Which statement describes realistic optimism?',
              kind: 'single',
              options: [
                { text: 'Ignoring problems so that people stay motivated', correct: false },
                { text: 'Keeping in view what can still go well and looking for the next step', correct: true },
                { text: 'Promising that everything will be fine', correct: false },
              ],
            },
          ],
        },
      ],
    },
    {
      title: 'Kindness in daily work',
      lessons: [
        {
          title: 'Attention: the first act of kindness',
          minutes: 40,
          body: `## Why attention comes first

We cannot respond well to a need we have not noticed. In busy classrooms and wards, attention is the scarcest resource we have, and the one people feel most directly. Being fully attended to, even for one minute, tells a person: you matter here.

## The one-minute check-in

When someone comes to you with a question or a worry:

1. **Stop** what you are doing, if it is safe to do so, and turn towards them.
2. **Look** at the person, not at the screen or the chart.
3. **Listen** to the end of their sentence before preparing your answer.
4. **Reflect back** in a few words what you heard: "So you're worried that…"
5. **Say what happens next**, even if the answer is "I can't now, but I'll come back at three."

A minute of real attention often saves time later, because misunderstandings are caught early.

## Noticing the quiet ones

The pupil who never asks for help and the patient who always says "I'm fine" are easy to overlook. Make a habit of looking for them: who has not spoken today? Who seems different from usual?

## Attention across languages

In many schools and hospitals, people do not share a first language. Speak slowly and use plain words. Check understanding with an open question rather than "Is that clear?", and use an interpreter or translated material when the matter is important.

## Practice

Use the one-minute check-in deliberately at least three times this week. Afterwards, note what you learned that you would otherwise have missed.
`,
        },
        {
          title: 'Kind words in hard conversations',
          minutes: 45,
          body: `## Clear is kind

Difficult conversations — feedback on poor work, a concern about a child's behaviour, bad news about a diagnosis — are where kindness is tested most. The kind option is rarely to soften the message until it disappears. It is to be clear, honest and respectful at the same time.

## A simple structure

- **Prepare.** Know what you need to say and what you hope the other person can do with it. Choose a quiet place and enough time.
- **Open gently.** Say why you want to talk: "I'd like to talk with you about yesterday's lesson."
- **Describe, don't label.** "You raised your voice twice during the meeting" is easier to hear than "You were aggressive."
- **Pause.** Give the other person time to react. Silence is not a problem to fill.
- **Acknowledge feelings.** "I can see this is upsetting" does not change the facts, but it shows that you see the person.
- **Agree a next step.** End with something concrete that each of you will do.

## Feedback to pupils

Comment on the work and the effort, never on the child's worth. Point to one thing that went well and one specific thing to improve, and make sure the pupil knows how to make that improvement.

## Bad news in care

Follow your organisation's protocols. Within them, find out what the person already knows, give information in small pieces, and ask what they would like to know more about. Here kindness means pacing, honesty and presence.

## Practice

Think of a conversation you have been putting off. Write down the first two sentences you will use and the next step you will propose.
`,
        },
        {
          title: 'Small rituals for teams and classes',
          minutes: 40,
          body: `## Why rituals help

Kindness spreads more easily when it does not depend on each person remembering to be kind on a hard day. Small shared rituals make it part of how a group works. They should be short, voluntary in spirit and easy to keep going.

## Ideas for staff teams

- **A good-news minute** at the start of a handover or staff meeting: one thing that went well since last time.
- **Thank-you notes** on a shared board or in a team channel, naming what the person did.
- **A buddy check** after a difficult event: each person asks one colleague, "How are you after that?"
- **Protected breaks:** colleagues cover for each other so that everyone really stops for a few minutes.

## Ideas for classes

- **A kindness jar:** pupils write down kind acts they noticed, and the class reads some aloud on Fridays.
- **A morning circle:** one sentence each on how they are arriving today.
- **Class agreements** written with the pupils, in their own words, about how we treat each other.
- **Appreciation after group work:** each member names one thing another member did well.

## Keep it real

Rituals fail when they turn into compulsory performances. Start with one, explain why, invite rather than require, and review it after a month. Drop what does not work.

## Practice

With your team or class, choose one ritual to try for four weeks, and agree together when you will review it.
`,
        },
      ],
      quizzes: [],
    },
    {
      title: 'Sustaining kindness',
      lessons: [
        {
          title: 'Kindness towards yourself',
          minutes: 40,
          body: `## The missing person

Many teachers and health workers are far kinder to others than to themselves. They speak to themselves in a tone they would never use with a pupil or a patient, skip breaks, and treat their own needs as an afterthought. Over time this makes kindness to others harder, not easier.

## Self-kindness is not self-indulgence

Being kind to yourself does not mean lowering standards or avoiding responsibility. It means responding to your own mistakes and difficulties as you would respond to a colleague you respect: honestly, and with support.

## Three practices

1. **Notice your inner voice.** After a mistake, what do you say to yourself? Would you say it to a friend?
2. **Rewrite the sentence.** Replace "I'm useless" with something true and helpful: "I made a mistake with the timetable; I'll fix it and check it next time."
3. **Protect recovery.** Sleep, food, movement and time with people you like are not luxuries. Plan them as you would plan your work.

## Knowing when to ask for help

Feeling worn out now and then is part of demanding work. Feeling exhausted most days, dreading going to work, or feeling detached from the people you care for are signals to take seriously. Talk to someone you trust and use the support your organisation offers, such as occupational health or an employee assistance service.

## Practice

For three days, write down one self-critical sentence each day, then rewrite it the way a kind and honest colleague would say it.
`,
        },
        {
          title: 'Forgiveness and repair after conflict',
          minutes: 45,
          body: `## Conflict is normal

Wherever people work closely under pressure, conflict happens. What matters is what follows. Teams that repair well keep trust; teams that do not collect silent grudges.

## What forgiveness means here

Forgiveness is letting go of resentment and of the wish to get even. It does **not** mean:

- pretending nothing happened;
- accepting behaviour that is unsafe or abusive;
- giving up on fair procedures when rules have been broken.

You can forgive someone and still ask for change. Forgiveness is mostly for the person who forgives: it frees attention and energy that resentment would otherwise use up.

## Steps for repair

1. **Cool down.** Wait until both of you can talk calmly, but not so long that the issue hardens.
2. **Take your share.** Start with what you could have done differently.
3. **Listen to their account** without interrupting.
4. **Name the impact** on each of you, and on pupils or patients.
5. **Agree what will be different** next time.

## Apologising well

A good apology names what happened, acknowledges the effect, avoids "but", and offers to put things right: "I'm sorry I spoke sharply to you in front of the parents. It was unfair and embarrassing for you. Next time I'll raise concerns with you privately."

## Forgiving yourself

The same steps apply when the person you need to forgive is you: acknowledge, learn, repair what you can, and move on.

## Practice

Think of a small, unresolved tension with a colleague and plan how you could open a repair conversation.
`,
        },
        {
          title: 'Your kindness plan',
          minutes: 45,
          body: `## From course to habit

Courses end; habits continue only if we plan for them. This last lesson helps you turn what you have learned into a plan for the next three months.

## Build your plan

Write down:

- **One value** of the five that you want to strengthen.
- **Two small actions** linked to it, specific enough to check: "Thank one colleague by name at each handover", not "Be more grateful".
- **When and where** you will do them.
- **One obstacle** that could get in the way, and what you will do then.
- **One person** you will tell about your plan.

## Measuring change honestly

At the start of the course you completed a short reflective self-assessment, and you will complete it again before receiving your certificate. Your organisation sees only group results, and only when enough people have taken part: the aim is to learn whether the course helps people like you, not to judge anyone.

Keep in mind what such numbers can and cannot say. A change between before and after may come from the course, from the season or from many other things. The confidence interval shown with the results tells you how precise the estimate is: a wide interval means "we are not sure yet".

## Keep going

Review your plan after one month. Keep what works, change what does not, and share what you have learned with your team.

## Practice

Complete your plan now, and put a reminder in your calendar for the one-month review.
`,
        },
      ],
      quizzes: [
        {
          title: 'Final quiz',
          passMark: 70,
          maxAttempts: 3,
          shuffleQuestions: true,
          shuffleOptions: true,
          questions: [
            {
              prompt: 'A colleague looks upset after a difficult phone call. What is the best first step?',
              kind: 'single',
              options: [
                { text: 'Give them advice on how to handle the caller next time', correct: false },
                { text: 'Stop, turn towards them and ask how they are', correct: true },
                { text: 'Wait for them to raise it at the next team meeting', correct: false },
                { text: 'Tell them that it happens to everyone', correct: false },
              ],
            },
            {
              prompt: 'Which of these are part of the one-minute check-in?',
              kind: 'multiple',
              options: [
                { text: 'Listening to the end of the sentence before preparing your answer', correct: true },
                { text: 'Reflecting back in a few words what you heard', correct: true },
                { text: 'Saying what happens next', correct: true },
                { text: 'Checking your messages while they talk, so as not to waste time', correct: false },
              ],
            },
            {
              prompt: 'When you give feedback on a pupil’s work, you should…',
              kind: 'single',
              options: [
                { text: 'comment on the child’s worth as a person', correct: false },
                { text: 'point to one thing that went well and one specific thing to improve', correct: true },
                { text: 'avoid mentioning anything that needs improvement', correct: false },
              ],
            },
            {
              prompt: 'Which statements about forgiveness match this course?',
              kind: 'multiple',
              options: [
                { text: 'You can forgive someone and still ask for change', correct: true },
                { text: 'Forgiving means accepting behaviour that is unsafe', correct: false },
                { text: 'Forgiveness frees attention and energy that resentment would use up', correct: true },
                { text: 'Forgiving means pretending nothing happened', correct: false },
              ],
            },
            {
              prompt: 'Which of these is a good apology?',
              kind: 'single',
              options: [
                { text: '"I’m sorry if you were offended, but you were late again."', correct: false },
                {
                  text: '"I’m sorry I spoke sharply to you in front of the parents. It was unfair; next time I’ll raise concerns privately."',
                  correct: true,
                },
                { text: '"Mistakes happen, let’s just move on."', correct: false },
              ],
            },
            {
              prompt: 'Which of these help a team or class ritual to last?',
              kind: 'multiple',
              options: [
                { text: 'Starting with one ritual and explaining why', correct: true },
                { text: 'Making it compulsory and recording who takes part', correct: false },
                { text: 'Reviewing it after a month and dropping what does not work', correct: true },
                { text: 'Inviting people rather than requiring them to take part', correct: true },
              ],
            },
            {
              prompt: 'What does a wide 95% confidence interval around a cohort’s mean change tell you?',
              kind: 'single',
              options: [
                { text: 'That the course certainly worked', correct: false },
                { text: 'That the estimate is imprecise: we are not yet sure how large the change is', correct: true },
                { text: 'That most learners changed a lot', correct: false },
              ],
            },
            {
              prompt: 'Which of these are signals to take exhaustion seriously and ask for support?',
              kind: 'multiple',
              options: [
                { text: 'Feeling exhausted on most days', correct: true },
                { text: 'Dreading going to work', correct: true },
                { text: 'Feeling detached from the people you care for', correct: true },
                { text: 'Feeling tired after one unusually long shift', correct: false },
              ],
            },
          ],
        },
      ],
    },
  ],
};
