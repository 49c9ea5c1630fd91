/* test_segment.c - Check suite for the sentence splitter (src/segment.c).
 *
 * Most cases sit in one table of {name, input, expected sentences} run by a
 * loop test; the rest cover the abbreviation file, CL_SPLIT_LINES, line ends,
 * empty input, the founding article and large inputs. Expected sentences are
 * the exact bytes of the spans, so a hard-wrapped sentence keeps its "\n".
 *
 * Data files: $CLAIMLINT_DATADIR/abbreviations/en.txt (else rules/... from
 * the current directory) and $CLAIMLINT_SRCDIR/fixtures/articles/... (else
 * fixtures/... from the current directory).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

Suite *suite_segment(void);

#define MAX_SENTENCES 12

typedef struct seg_case {
    const char *name;
    const char *input;
    const char *want[MAX_SENTENCES]; /* NULL after the last one */
} seg_case;

static const seg_case auto_cases[] = {
    /* terminators and runs */
    {"period", "Hello world. This is a test.", {"Hello world.", "This is a test."}},
    {"question-exclamation", "Really? Yes! Fine.", {"Really?", "Yes!", "Fine."}},
    {"runs", "What?! No way!!! Okay?? Sure.", {"What?!", "No way!!!", "Okay??", "Sure."}},
    {"trimmed", "  \t Hello there.   Bye now.  \n", {"Hello there.", "Bye now."}},
    {"no-final-punctuation", "It has no end", {"It has no end"}},
    {"interrobang", "Seriously\u203D No\u203C Fine.", {"Seriously\u203D", "No\u203C", "Fine."}},
    /* ellipses */
    {"ellipsis-break", "I waited... Nothing happened.", {"I waited...", "Nothing happened."}},
    {"ellipsis-continue", "I waited... and waited.", {"I waited... and waited."}},
    {"spaced-ellipsis-break", "He paused. . . Then he spoke.",
     {"He paused. . .", "Then he spoke."}},
    {"spaced-ellipsis-continue", "He paused . . . then spoke.", {"He paused . . . then spoke."}},
    {"unicode-ellipsis", "Wait\u2026 Then go. Wait\u2026 then stay.",
     {"Wait\u2026", "Then go.", "Wait\u2026 then stay."}},
    {"ellipsis-digit", "It took... 10 minutes.", {"It took... 10 minutes."}},
    {"leading-ellipsis", "...and then it rained. The end.", {"...and then it rained.", "The end."}},
    /* quotes and brackets */
    {"closing-quote", "He said \"Go.\" Then he left.", {"He said \"Go.\"", "Then he left."}},
    {"closing-paren", "(See above.) Next point.", {"(See above.)", "Next point."}},
    {"opening-quote", "It ended. \"Why?\" she asked.", {"It ended.", "\"Why?\" she asked."}},
    {"opening-paren", "It ended. (Nobody knew why.) Then rain.",
     {"It ended.", "(Nobody knew why.)", "Then rain."}},
    {"quote-comma", "\"Go home,\" he said.", {"\"Go home,\" he said."}},
    {"quote-question-lower", "He asked, \"Why?\" and left.", {"He asked, \"Why?\" and left."}},
    {"quote-exclamation-lower", "\"Stop!\" she yelled.", {"\"Stop!\" she yelled."}},
    {"quote-colon", "She said: \"It's over.\" The crowd left.",
     {"She said: \"It's over.\"", "The crowd left."}},
    {"curly-quotes", "She said: \u201cIt\u2019s over.\u201d The crowd left.",
     {"She said: \u201cIt\u2019s over.\u201d", "The crowd left."}},
    {"curly-single", "\u2018Go home,\u2019 he said. \u2018Fine,\u2019 she said.",
     {"\u2018Go home,\u2019 he said.", "\u2018Fine,\u2019 she said."}},
    {"guillemets", "He shouted \u00abStop!\u00bb Then he ran. \u00abWhy?\u00bb",
     {"He shouted \u00abStop!\u00bb", "Then he ran.", "\u00abWhy?\u00bb"}},
    {"nested-closers", "(He said \"no.\") Then he left.", {"(He said \"no.\")", "Then he left."}},
    {"period-outside-quote", "He shouted \"Stop\". Then he ran.",
     {"He shouted \"Stop\".", "Then he ran."}},
    {"parentheses-inside", "The plan (approved in Jan. 2020, p. 4) failed. Critics (including "
                           "Dr. Lee) objected.",
     {"The plan (approved in Jan. 2020, p. 4) failed.", "Critics (including Dr. Lee) objected."}},
    /* abbreviations */
    {"titles", "Mr. Smith met Dr. Jones and Mrs. Brown. They talked.",
     {"Mr. Smith met Dr. Jones and Mrs. Brown.", "They talked."}},
    {"more-titles", "Sen. Warren, Gov. Newsom, Rep. Lee, Gen. Milley, Lt. Col. Vindman, Sgt. "
                    "Pepper, Capt. Kirk, Adm. Byrd, Rev. King, Hon. Judge Ito, Ms. Ruiz, Prof. "
                    "Xu and Pres. Biden met. It went well.",
     {"Sen. Warren, Gov. Newsom, Rep. Lee, Gen. Milley, Lt. Col. Vindman, Sgt. Pepper, Capt. "
      "Kirk, Adm. Byrd, Rev. King, Hon. Judge Ito, Ms. Ruiz, Prof. Xu and Pres. Biden met.",
      "It went well."}},
    {"title-before-starter", "He thanked Mr. The Rock.", {"He thanked Mr. The Rock."}},
    {"company-inside", "Acme Co. Ltd. and Apple Inc. reported gains. Acme Corp. Chief Executive "
                       "Jane Doe resigned.",
     {"Acme Co. Ltd. and Apple Inc. reported gains.",
      "Acme Corp. Chief Executive Jane Doe resigned."}},
    {"company-end", "He works at Apple Inc. The company grew.",
     {"He works at Apple Inc.", "The company grew."}},
    {"jr-inside", "Martin Luther King Jr. Day is a holiday.",
     {"Martin Luther King Jr. Day is a holiday."}},
    {"jr-end", "He met Sammy Davis Jr. The crowd cheered.",
     {"He met Sammy Davis Jr.", "The crowd cheered."}},
    {"saint-mount", "They climbed Mt. Everest and visited St. Louis. It was cold.",
     {"They climbed Mt. Everest and visited St. Louis.", "It was cold."}},
    {"street-end", "She lives on Main St. Her house is blue.",
     {"She lives on Main St.", "Her house is blue."}},
    {"am-pm", "We met at 9 a.m. Monday and left at 5 p.m. The next day was calm.",
     {"We met at 9 a.m. Monday and left at 5 p.m.", "The next day was calm."}},
    {"us-inside", "The U.S. Senate voted. U.S. officials agreed with the U.S. and E.U. plan.",
     {"The U.S. Senate voted.", "U.S. officials agreed with the U.S. and E.U. plan."}},
    {"us-end-starter", "He moved to the U.S. In 2010 he returned.",
     {"He moved to the U.S.", "In 2010 he returned."}},
    {"us-end-text", "He lives in the U.S.", {"He lives in the U.S."}},
    {"us-hyphen", "The U.S.-Mexico border is long.", {"The U.S.-Mexico border is long."}},
    {"usa-uk-dc", "U.S.A. and U.K. leaders met in Washington, D.C. on Monday. The U.N. "
                  "Secretary-General spoke.",
     {"U.S.A. and U.K. leaders met in Washington, D.C. on Monday.",
      "The U.N. Secretary-General spoke."}},
    {"dotted-acronym", "She moved to L.A. The weather was nice. N.Y. is next.",
     {"She moved to L.A.", "The weather was nice.", "N.Y. is next."}},
    {"months-days", "On Jan. 5 and Sept. 11 we met. On Mon. Feb. 3 we left.",
     {"On Jan. 5 and Sept. 11 we met.", "On Mon. Feb. 3 we left."}},
    {"number-abbrev", "He lives at No. 10 Downing St. and works in room No. 5. The answer is "
                      "No. Then he left.",
     {"He lives at No. 10 Downing St. and works in room No. 5.", "The answer is No.",
      "Then he left."}},
    {"pages-volumes", "See Vol. 2, pp. 10-12 and Fig. 3 for details. See p. 4 and fig. 2 too.",
     {"See Vol. 2, pp. 10-12 and Fig. 3 for details.", "See p. 4 and fig. 2 too."}},
    {"degrees", "She has a Ph.D. in physics and an M.D. from Yale. He has a B.A. The end.",
     {"She has a Ph.D. in physics and an M.D. from Yale.", "He has a B.A.", "The end."}},
    {"latin", "Use fruit, e.g. Apples or pears, i.e. Anything fresh. Bring pens, paper, etc. "
              "The rest is provided.",
     {"Use fruit, e.g. Apples or pears, i.e. Anything fresh.", "Bring pens, paper, etc.",
      "The rest is provided."}},
    {"et-al-cf-vs", "Smith et al. found it, cf. Jones. Brown vs. Green was decided by approx. "
                    "Nine judges.",
     {"Smith et al. found it, cf. Jones.",
      "Brown vs. Green was decided by approx. Nine judges."}},
    {"et-al-end", "It was shown by Smith et al. The result held.",
     {"It was shown by Smith et al.", "The result held."}},
    {"hyphenated-abbrev", "The ex-Gov. Smith spoke. It was short.",
     {"The ex-Gov. Smith spoke.", "It was short."}},
    {"abbrev-before-paren", "Talks (led by Dr. Ruiz) ended. Prices rose.",
     {"Talks (led by Dr. Ruiz) ended.", "Prices rose."}},
    {"abbrev-nbsp", "Mr.\u00a0Smith left.\tThen he returned.",
     {"Mr.\u00a0Smith left.", "Then he returned."}},
    /* initials */
    {"initials", "J. R. R. Tolkien wrote books. George W. Bush said no.",
     {"J. R. R. Tolkien wrote books.", "George W. Bush said no."}},
    {"initial-end", "He took vitamin C. The doctor approved.",
     {"He took vitamin C.", "The doctor approved."}},
    {"initials-a", "Written by J. A. Smith. It sold well.",
     {"Written by J. A. Smith.", "It sold well."}},
    /* numbers, URLs, e-mail */
    {"decimals-money", "Pi is 3.14 roughly. It costs $1,200.50 today. Revenue hit \u20ac3.5m in "
                       "2020.",
     {"Pi is 3.14 roughly.", "It costs $1,200.50 today.", "Revenue hit \u20ac3.5m in 2020."}},
    {"separators", "The figure was 1,000,000 or 1.000.000 in Europe. Version 2.4.1 fixed it at "
                   "10:30 today.",
     {"The figure was 1,000,000 or 1.000.000 in Europe.",
      "Version 2.4.1 fixed it at 10:30 today."}},
    {"number-end", "The score was 21. The crowd cheered.",
     {"The score was 21.", "The crowd cheered."}},
    {"email-url", "Write to a.b@c.org now. Visit https://example.com/a.b?c=d for more. See "
                  "www.example.com today. Mail John.Smith@x.org now.",
     {"Write to a.b@c.org now.", "Visit https://example.com/a.b?c=d for more.",
      "See www.example.com today.", "Mail John.Smith@x.org now."}},
    {"url-end", "The site is www.example.com. It is new.",
     {"The site is www.example.com.", "It is new."}},
    /* brand names, lowercase after ! and ? */
    {"brands", "He worked at Yahoo! and then left. She won Jeopardy! twice.",
     {"He worked at Yahoo! and then left.", "She won Jeopardy! twice."}},
    {"brand-capital", "Yahoo! Finance grew. I love Jeopardy! The show is great.",
     {"Yahoo! Finance grew.", "I love Jeopardy!", "The show is great."}},
    {"exclamation-lower", "Oh no! he cried. Why? because.", {"Oh no! he cried.", "Why? because."}},
    /* missing space after a full stop */
    {"missing-space", "Hello world.Today is fine.", {"Hello world.", "Today is fine."}},
    {"missing-space-no-break", "Use Node.js and example.com for the U.S.A office, e.g.the "
                               "best. Open report.pdf and java.util.List now.",
     {"Use Node.js and example.com for the U.S.A office, e.g.the best.",
      "Open report.pdf and java.util.List now."}},
    {"missing-space-abbrev", "Ask Mr.Smith today.", {"Ask Mr.Smith today."}},
    /* lists */
    {"numbered-list", "Steps:\n1. Open the box\n2. Remove the item\n3) Enjoy",
     {"Steps:", "Open the box", "Remove the item", "Enjoy"}},
    {"numbered-list-punct", "1. Open the box.\n2. Remove the item.\n10. Done.",
     {"Open the box.", "Remove the item.", "Done."}},
    {"lettered-list", "Options:\n(a) red\n(b) blue\na. green\nb) yellow\n(iv) purple",
     {"Options:", "red", "blue", "green", "yellow", "purple"}},
    {"lettered-after-colon", "Choose one:\nb. the second\nc. the third",
     {"Choose one:", "the second", "the third"}},
    {"bullets", "Shopping:\n- milk\n* eggs\n\u2022 bread\n+ jam",
     {"Shopping:", "milk", "eggs", "bread", "jam"}},
    {"bullet-two-sentences", "- First point. It has two sentences\n- Second point",
     {"First point.", "It has two sentences", "Second point"}},
    {"indented-bullets", "Notes\n  - one\n    - two", {"Notes", "one", "two"}},
    {"wrapped-item", "- The committee met with President\n  Claudia Sheinbaum\n- Done",
     {"The committee met with President\n  Claudia Sheinbaum", "Done"}},
    {"dash-in-wrapped", "The trip\n- which began Monday - was short.\nThe talks\n\u2014 or what\n"
                        "was left of them \u2014 ended.",
     {"The trip\n- which began Monday - was short.",
      "The talks\n\u2014 or what\nwas left of them \u2014 ended."}},
    {"dash-bullets", "Done.\n- milk\n- eggs\nNext\n- Bread\n\u2013 jam",
     {"Done.", "milk", "eggs", "Next", "Bread", "jam"}},
    {"initial-at-line-start", "The speech was given by George\nW. Bush in Texas.",
     {"The speech was given by George\nW. Bush in Texas."}},
    {"empty-marker", "-\nText here.", {"-\nText here."}},
    {"wrapped-number", "The vote was 52 to\n48. Then it passed.",
     {"The vote was 52 to\n48.", "Then it passed."}},
    {"list-after-paragraph", "We did three things\n1. Plan\n2. Build\n\nDone. Next:\n3. Ship",
     {"We did three things", "Plan", "Build", "Done.", "Next:", "Ship"}},
    {"number-not-marker", "The economy of the country grew\n1.5 percent.",
     {"The economy of the country grew\n1.5 percent."}},
    /* line structure */
    {"hard-wrapped", "The committee met on Tuesday to discuss\nthe budget and agreed to cut\n"
                     "spending by ten percent.",
     {"The committee met on Tuesday to discuss\nthe budget and agreed to cut\n"
      "spending by ten percent."}},
    {"hard-wrapped-capital", "The meeting was attended by President\nClaudia Sheinbaum, who "
                             "spoke first about\nsecurity. Then they ate.",
     {"The meeting was attended by President\nClaudia Sheinbaum, who spoke first about\n"
      "security.", "Then they ate."}},
    {"hard-wrapped-minor-end", "Officials from Both Sides Met With the\nPresident on Monday.",
     {"Officials from Both Sides Met With the\nPresident on Monday."}},
    {"headline-title-case", "Rubio Visits Mexico\nThe trip began on Monday.",
     {"Rubio Visits Mexico", "The trip began on Monday."}},
    {"headline-sentence-case", "Rubio visits Mexico for security talks\nIn a bid to strengthen "
                               "ties, the two sides met.",
     {"Rubio visits Mexico for security talks", "In a bid to strengthen ties, the two sides met."}},
    {"headline-short-line", "Rubio meets president\nSheinbaum welcomed the visit on Monday.",
     {"Rubio meets president", "Sheinbaum welcomed the visit on Monday."}},
    {"headline-then-wrapped", "Security Pact Signed\nThe two countries signed a pact on\nMonday "
                              "that covers drugs and arms.\n\nOfficials praised it.",
     {"Security Pact Signed", "The two countries signed a pact on\nMonday that covers drugs and "
      "arms.", "Officials praised it."}},
    {"headline-lower-next", "A Title Without End\nand more words.",
     {"A Title Without End\nand more words."}},
    {"headline-comma", "Dear John,\nThanks for the letter.",
     {"Dear John,\nThanks for the letter."}},
    {"byline", "By Jane Doe\nWASHINGTON\nThe vote failed.", {"By Jane Doe", "WASHINGTON",
                                                             "The vote failed."}},
    {"blank-line", "This has no period\n\nNext paragraph here",
     {"This has no period", "Next paragraph here"}},
    {"whitespace-line", "line one continues\n \t\u00a0\nline two", {"line one continues",
                                                                     "line two"}},
    {"blank-line-after-abbrev", "He lives in the U.S.\n\nSecretary Rubio spoke.",
     {"He lives in the U.S.", "Secretary Rubio spoke."}},
    {"abbrev-line-end", "He met Dr.\nSmith yesterday. The U.S.\nSecretary agreed.",
     {"He met Dr.\nSmith yesterday.", "The U.S.\nSecretary agreed."}},
    {"line-separator", "First part here\u2028second part. It ended.\u2028The next began.",
     {"First part here\u2028second part.", "It ended.", "The next began."}},
    {"paragraph-separator", "No stop here\u2029next paragraph", {"No stop here",
                                                                 "next paragraph"}},
    {"crlf", "Headline Here\r\nThe body starts. It\r\nends.\r\n\r\nnext para",
     {"Headline Here", "The body starts.", "It\r\nends.", "next para"}},
    {"lone-cr", "One line\rsecond part.\r\rThird.", {"One line\rsecond part.", "Third."}},
    /* other scripts */
    {"cyrillic", "\u042d\u0442\u043e \u043f\u0435\u0440\u0432\u043e\u0435. \u042d\u0442\u043e "
                 "\u0432\u0442\u043e\u0440\u043e\u0435.",
     {"\u042d\u0442\u043e \u043f\u0435\u0440\u0432\u043e\u0435.",
      "\u042d\u0442\u043e \u0432\u0442\u043e\u0440\u043e\u0435."}},
    {"cjk", "\u8fd9\u662f\u7b2c\u4e00\u53e5\u3002\u8fd9\u662f\u7b2c\u4e8c\u53e5\uff01",
     {"\u8fd9\u662f\u7b2c\u4e00\u53e5\u3002", "\u8fd9\u662f\u7b2c\u4e8c\u53e5\uff01"}},
    {"reference-mark", "It rose.[1] Then it fell.[a] And so on.",
     {"It rose.[1]", "Then it fell.[a]", "And so on."}},
    {"long-line-no-period", "In Mexico, Rubio met with President Claudia Sheinbaum and Foreign "
                            "Secretary Juan Ramon de la Fuente to discuss drugs, arms and "
                            "migration\nRubio left on Friday.",
     {"In Mexico, Rubio met with President Claudia Sheinbaum and Foreign Secretary Juan Ramon "
      "de la Fuente to discuss drugs, arms and migration", "Rubio left on Friday."}},
    {"long-line-then-dash", "In Mexico, Rubio met with President Claudia Sheinbaum and Foreign "
                            "Secretary Juan Ramon de la Fuente. A list follows without a colon"
                            "\n- item one\n- item two",
     {"In Mexico, Rubio met with President Claudia Sheinbaum and Foreign Secretary Juan Ramon "
      "de la Fuente.", "A list follows without a colon", "item one", "item two"}},
    {"long-line-abbrev-end", "The meeting resulted in an unprecedented bilateral security "
                             "partnership between Mexico and the company Acme Holdings Inc."
                             "\nRubio left on Friday.",
     {"The meeting resulted in an unprecedented bilateral security partnership between Mexico "
      "and the company Acme Holdings Inc.", "Rubio left on Friday."}},
    {"short-line-abbrev-end", "He joined Acme Holdings Inc.\nRubio left on Friday.",
     {"He joined Acme Holdings Inc.\nRubio left on Friday."}},
    {"headline-quote-next", "Talks Resume\n\u201cWe are ready,\u201d he said.",
     {"Talks Resume", "\u201cWe are ready,\u201d he said."}},
    {"bom", "\ufeffHello. World.", {"Hello.", "World."}},
    /* hard cases: lists inside a line; each item keeps its marker */
    {"inline-paren-list", "Steps: 1) Mix the flour 2) Add the eggs 3) Bake it",
     {"Steps:", "1) Mix the flour", "2) Add the eggs", "3) Bake it"}},
    {"inline-dotparen-list", "Do this: 1.) Open the lid. 2.) Pour the water. 3.) Close it.",
     {"Do this:", "1.) Open the lid.", "2.) Pour the water.", "3.) Close it."}},
    {"inline-dot-list", "Then: 1. Heat the pan. 2. Add oil. 3. Serve hot.",
     {"Then:", "1. Heat the pan.", "2. Add oil.", "3. Serve hot."}},
    {"inline-letter-list", "Choose: a. the red one b. the blue one c. the green one",
     {"Choose:", "a. the red one", "b. the blue one", "c. the green one"}},
    {"inline-bullet-number", "Checks: \u2022 3. Check the tyres. \u2022 4. Check the oil.",
     {"Checks:", "\u2022 3. Check the tyres.", "\u2022 4. Check the oil."}},
    {"inline-list-line-start", "\u2022 3. Check the tyres. \u2022 4. Check the oil.\n"
                               "1) Mix the flour 2) Add the eggs\n3) Bake it 4) Serve",
     {"\u2022 3. Check the tyres.", "\u2022 4. Check the oil.", "1) Mix the flour",
      "2) Add the eggs", "3) Bake it", "4) Serve"}},
    {"inline-dotparen-line-start", "1.) Open the lid. 2.) Pour the water.",
     {"1.) Open the lid.", "2.) Pour the water."}},
    {"inline-list-not", "Room 1) is left 2) is right. Authors: A. Smith and B. Jones wrote "
                        "it. He scored 1. Then 2.",
     {"Room 1) is left 2) is right.", "Authors: A. Smith and B. Jones wrote it.",
      "He scored 1.", "Then 2."}},
    {"inline-list-one-item", "Steps: 1) Mix the flour. Done.",
     {"Steps: 1) Mix the flour.", "Done."}},
    /* hard cases: an abbreviation or a one-letter word that ends a sentence */
    {"abbrev-end-title", "The polls closed at 10 p.m. Mrs. Lee conceded an hour later.",
     {"The polls closed at 10 p.m.", "Mrs. Lee conceded an hour later."}},
    {"abbrev-end-titles", "We met at 9 a.m. Dr. Ruiz was late. Bring pens, paper, etc. Mr. Tan "
                          "will collect them. He works at Apple Inc. Ms. Cook hired him.",
     {"We met at 9 a.m.", "Dr. Ruiz was late.", "Bring pens, paper, etc.",
      "Mr. Tan will collect them.", "He works at Apple Inc.", "Ms. Cook hired him."}},
    {"abbrev-end-more", "Ask Sammy Davis Jr. Mr. Sinatra agreed. He moved to the U.S. Mrs. "
                        "Tan stayed. It ended at 5 p.m. The next day was calm. The answer was "
                        "No. Then he left.",
     {"Ask Sammy Davis Jr.", "Mr. Sinatra agreed.", "He moved to the U.S.",
      "Mrs. Tan stayed.", "It ended at 5 p.m.", "The next day was calm.",
      "The answer was No.", "Then he left."}},
    {"abbrev-job-title-inside", "The U.S. Sen. Warren spoke at 9 a.m. Monday. Acme Inc. Chief "
                                "Executive Jane Doe left.",
     {"The U.S. Sen. Warren spoke at 9 a.m. Monday.",
      "Acme Inc. Chief Executive Jane Doe left."}},
    {"pronoun-i-end", "She said it was I. Then John F. Kennedy spoke.",
     {"She said it was I.", "Then John F. Kennedy spoke."}},
    {"pronoun-i-before-name", "She said it was I. John F. Kennedy spoke. Nobody but I. Lee "
                              "agreed.",
     {"She said it was I.", "John F. Kennedy spoke.", "Nobody but I. Lee agreed."}},
    {"initial-i", "The building is by I. M. Pei today. Ernest I. Lee spoke.",
     {"The building is by I. M. Pei today.", "Ernest I. Lee spoke."}},
    /* hard cases: no space after the full stop */
    {"nospace-abbrev-next", "Prices rose.Wages fell.Mr. Tan resigned.",
     {"Prices rose.", "Wages fell.", "Mr. Tan resigned."}},
    {"nospace-title-next", "It was over.Dr. Ruiz left.Mrs. Lee stayed.",
     {"It was over.", "Dr. Ruiz left.", "Mrs. Lee stayed."}},
    {"nospace-no-break", "Open claimlint.rng now. Mail a.b@c.org and see www.example.com or "
                         "3.14 or the U.S.Senate. Read Config.Mr.txt too.",
     {"Open claimlint.rng now.", "Mail a.b@c.org and see www.example.com or 3.14 or the "
      "U.S.Senate.", "Read Config.Mr.txt too."}},
    /* hard cases: ellipses */
    {"spaced-omission", "He said . . . that it was fine. The law . . . Congress shall pass.",
     {"He said . . . that it was fine.", "The law . . . Congress shall pass."}},
    {"spaced-omission-starter", "He paused . . . Then he spoke.",
     {"He paused . . .", "Then he spoke."}},
    {"four-dot-ellipsis", "He paused.... Then he left. He paused. . . . Then he left. The law "
                          ". . . . The end.",
     {"He paused....", "Then he left.", "He paused. . . .", "Then he left.", "The law . . . .",
      "The end."}},
    {"bracket-omission", "\"The results were clear [...]\" (Smith, 2020). \"We will [. . .] "
                         "win\" (Jones 2019, p. 4). \"It was over [\u2026]\" [3]. Next.",
     {"\"The results were clear [...]\" (Smith, 2020).",
      "\"We will [. . .] win\" (Jones 2019, p. 4).", "\"It was over [\u2026]\" [3].",
      "Next."}},
    {"bracket-omission-spans-stop", "\"Yields would rise [...] Ozone is understood,\" he said.",
     {"\"Yields would rise [...]", "Ozone is understood,\" he said."}},
    {"bracket-omission-end", "She wrote \"it ended [...].\" Then she left.",
     {"She wrote \"it ended [...].\"", "Then she left."}},
    /* hard cases: numbers after "No." and dotted numbers */
    {"numero-sign", "The rule N\u00b0. 5 applies. See n\u00b0. 12 and N\u00ba. 3 too.",
     {"The rule N\u00b0. 5 applies.", "See n\u00b0. 12 and N\u00ba. 3 too."}},
    {"dotted-number", "See No. 10.4.1. for details. Rule No. 10.4.1. Scope is narrow. It rose "
                      "to 3.5. Analysts cheered.",
     {"See No. 10.4.1. for details.", "Rule No. 10.4.1. Scope is narrow.", "It rose to 3.5.",
      "Analysts cheered."}},
    {"dotted-number-end", "The rule is Art. 10.4.1. The court agreed.",
     {"The rule is Art. 10.4.1.", "The court agreed."}},
    /* hard cases: one short item per line, unlike hard-wrapped prose */
    {"one-per-line", "Features\nFast parsing\nSmall memory use\nPlain C11",
     {"Features", "Fast parsing", "Small memory use", "Plain C11"}},
    {"one-per-line-no-head", "Fast parsing\nSmall memory use\n\nDone.",
     {"Fast parsing", "Small memory use", "Done."}},
    {"one-per-line-after-stop", "It has these.\nUTF-8 input\nJSON output\n3 formats",
     {"It has these.", "UTF-8 input", "JSON output", "3 formats"}},
    {"one-per-line-not-wrapped", "The meeting was attended by the\nPresident of Mexico and the "
                                 "Foreign\nMinister of Brazil on Monday.",
     {"The meeting was attended by the\nPresident of Mexico and the Foreign\nMinister of "
      "Brazil on Monday."}},
    {"one-per-line-narrow-prose", "The vote was held\nMonday in Ottawa, and\nCanada agreed.",
     {"The vote was held\nMonday in Ottawa, and\nCanada agreed."}},
    /* long runs of plain bytes and spaces, which the walk skips in blocks: a
     * marker or a line's last character inside or after such a run */
    {"inline-list-long-runs", "Steps to follow today: 1) Mix the flour and the sugar well 2) Add "
                              "the eggs one at a time 3) Bake it.",
     {"Steps to follow today:", "1) Mix the flour and the sugar well",
      "2) Add the eggs one at a time", "3) Bake it."}},
    {"inline-letters-long-runs", "Pick the one you like best: a) the long scenic road through "
                                 "hills b) the short one",
     {"Pick the one you like best:", "a) the long scenic road through hills",
      "b) the short one"}},
    {"inline-list-tab", "Items:\t1) first thing here 2) second thing here",
     {"Items:", "1) first thing here", "2) second thing here"}},
    {"four-digits-no-marker", "The count rose sharply in the year 2019) and 1234. Then more.",
     {"The count rose sharply in the year 2019) and 1234.", "Then more."}},
    {"colon-before-long-spaces", "The steps for the new release are these:                \nc. "
                                 "Build the package and run the tests",
     {"The steps for the new release are these:", "Build the package and run the tests"}},
    {"no-colon-before-long-spaces", "The steps for the new release are these                \n"
                                    "c. Build the package and run the tests",
     {"The steps for the new release are these                \nc. Build the package and "
      "run the tests"}},
};

#define N_AUTO_CASES (sizeof auto_cases / sizeof auto_cases[0])

static cl_abbrevs *abbrevs;

/* Path of a data file: $ENVVAR/REL when ENVVAR is set, else FALLBACK/REL.
 * Returns a static buffer. */
static const char *data_path(const char *envvar, const char *fallback, const char *rel)
{
    static char buf[4096];
    const char *dir = getenv(envvar);

    snprintf(buf, sizeof buf, "%s/%s", dir && *dir ? dir : fallback, rel);
    return buf;
}

static void setup(void)
{
    const char *path = data_path("CLAIMLINT_DATADIR", "rules", "abbreviations/en.txt");
    const cl_diag *d;
    int rc;

    ck_assert_int_eq(cl_abbrevs_new(&abbrevs), 0);
    rc = cl_abbrevs_load(abbrevs, path);
    d = cl_error_last();
    ck_assert_msg(rc == 0, "loading %s: %s", path, rc && d ? d->message : "?");
}

static void teardown(void)
{
    cl_abbrevs_free(abbrevs);
    abbrevs = NULL;
}

/* Segment the N bytes of TEXT and compare the spans with the NULL-terminated
 * WANT: same number, same bytes, each trimmed, non-empty and in order. */
static void check_spans(const char *name, const char *text, size_t n, const cl_abbrevs *ab,
                        cl_split_mode mode, const char *const *want)
{
    cl_span *v = NULL;
    size_t nv = 0, nwant = 0, i, len;
    int rc;

    while (want[nwant])
        nwant++;
    rc = cl_segment(text, n, ab, mode, &v, &nv);
    ck_assert_msg(rc == 0, "%s: cl_segment returned %d", name, rc);
    for (i = 0; i < nv && i < nwant; i++) {
        len = v[i].end - v[i].start;
        ck_assert_msg(strlen(want[i]) == len && memcmp(want[i], text + v[i].start, len) == 0,
                      "%s: sentence %zu is [%.*s], want [%s]", name, i + 1, (int)len,
                      text + v[i].start, want[i]);
    }
    for (i = 0; i < nv; i++) {
        size_t clen;
        ck_assert_msg(v[i].start < v[i].end && v[i].end <= n, "%s: bad span %zu", name, i);
        ck_assert_msg(i == 0 || v[i - 1].end <= v[i].start, "%s: spans overlap", name);
        ck_assert_msg(!cl_uc_is_space(cl_utf8_decode(text + v[i].start, n - v[i].start, &clen)),
                      "%s: span %zu starts with white space", name, i);
    }
    ck_assert_msg(nv == nwant, "%s: %zu sentences, want %zu%s%.*s", name, nv, nwant,
                  nv > nwant ? "; first extra: " : "",
                  nv > nwant ? (int)(v[nwant].end - v[nwant].start) : 0,
                  nv > nwant ? text + v[nwant].start : "");
    ck_assert_msg(nv > 0 || v == NULL, "%s: no sentences but an array", name);
    free(v);
}

START_TEST(test_auto_table)
{
    const seg_case *c = &auto_cases[_i];

    check_spans(c->name, c->input, strlen(c->input), abbrevs, CL_SPLIT_AUTO, c->want);
}
END_TEST

/* Read a whole file into a malloc'd buffer (the test must not depend on
 * util.c). */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long size;

    ck_assert_msg(f != NULL, "cannot open %s", path);
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)size + 1)) != NULL) {
        *n = fread(buf, 1, (size_t)size, f);
        buf[*n] = '\0';
    }
    fclose(f);
    ck_assert_msg(buf != NULL, "cannot read %s", path);
    return buf;
}

/* The founding article: two headlines, then one paragraph per line. */
START_TEST(test_founding_article)
{
    const char *path = data_path("CLAIMLINT_SRCDIR", ".", "fixtures/articles/rubio-mexico.txt");
    static const struct {
        size_t index;
        const char *text;
    } spot[] = {
        {0, "Enhanced Security Collaboration between the U.S. and Mexico Targets Cartels and "
            "Fentanyl Smuggling"},
        {1, "U.S. Secretary of State Marco Rubio Embarks on Three-Day Trip to Mexico and "
            "Ecuador to Bolster Security Cooperation"},
        {2, "In a bid to strengthen bilateral ties and address pressing security concerns, U.S. "
            "Secretary of State Marco Rubio is currently on a three-day trip to Mexico and "
            "Ecuador."},
        {6, "The meeting resulted in the formalization of an unprecedented bilateral security "
            "partnership between the U.S. and Mexico."},
        {7, "This partnership aims to enhance coordination among national security, law "
            "enforcement, and judicial authorities."},
        {16, "The trip takes place during a time when the U.S. is focusing on security issues "
             "with Mexico, particularly regarding fentanyl trafficking and illegal border "
             "crossings."},
        {19, "Additionally, the trip is not mentioned as being part of a broader U.S. strategy "
             "or initiative."},
        {20, "As Rubio continues his trip, the focus remains on strengthening the U.S.-Mexico "
             "partnership and addressing the pressing security concerns that both nations "
             "face."},
        {21, "The partnership is expected to play a crucial role in ensuring the safety and "
             "security of both countries in the coming months."},
    };
    size_t n, nv = 0, i;
    char *text = slurp(path, &n);
    cl_span *v = NULL;

    ck_assert_int_eq(cl_segment(text, n, abbrevs, CL_SPLIT_AUTO, &v, &nv), 0);
    ck_assert_uint_eq(nv, 22);
    for (i = 0; i < sizeof spot / sizeof spot[0]; i++) {
        const cl_span *sp = &v[spot[i].index];
        ck_assert_msg(sp->end - sp->start == strlen(spot[i].text) &&
                          memcmp(text + sp->start, spot[i].text, strlen(spot[i].text)) == 0,
                      "sentence %zu is [%.*s]", spot[i].index + 1, (int)(sp->end - sp->start),
                      text + sp->start);
    }
    for (i = 0; i < nv; i++) {
        ck_assert_msg(v[i].end - v[i].start < 4 || memcmp(text + v[i].end - 4, "U.S.", 4) != 0,
                      "sentence %zu ends with U.S.", i + 1);
        ck_assert_msg(!memchr(text + v[i].start, '\n', v[i].end - v[i].start),
                      "sentence %zu spans two lines", i + 1);
    }
    free(v);
    free(text);
}
END_TEST

START_TEST(test_lines_mode)
{
    static const char text[] = "  one  \n\ntwo. three.\r\n\t \r\nfour\rfive\xe2\x80\xa8six\n"
                               "Mr. Smith\n- item";
    static const char *const want[] = {"one", "two. three.", "four", "five", "six",
                                       "Mr. Smith", "- item", NULL};

    check_spans("lines", text, sizeof text - 1, abbrevs, CL_SPLIT_LINES, want);
}
END_TEST

/* Spans over "\r\n" and lone "\r" line ends, checked by offset. */
START_TEST(test_line_ends)
{
    static const char crlf[] = "Title Line\r\nThe body. It goes on\r\nand on.\r\n\r\nLast one.\r\n";
    static const char cr[] = "Title Line\rThe body. It goes on\rand on.\r\rLast one.\r";
    static const cl_span want[] = {{0, 10}, {12, 21}, {22, 41}, {45, 54}};
    static const cl_span want_cr[] = {{0, 10}, {11, 20}, {21, 39}, {41, 50}};
    cl_span *v = NULL;
    size_t nv = 0, i;

    ck_assert_int_eq(cl_segment(crlf, sizeof crlf - 1, abbrevs, CL_SPLIT_AUTO, &v, &nv), 0);
    ck_assert_uint_eq(nv, 4);
    for (i = 0; i < nv; i++) {
        ck_assert_uint_eq(v[i].start, want[i].start);
        ck_assert_uint_eq(v[i].end, want[i].end);
    }
    free(v);
    ck_assert_int_eq(cl_segment(cr, sizeof cr - 1, abbrevs, CL_SPLIT_AUTO, &v, &nv), 0);
    ck_assert_uint_eq(nv, 4);
    for (i = 0; i < nv; i++) {
        ck_assert_uint_eq(v[i].start, want_cr[i].start);
        ck_assert_uint_eq(v[i].end, want_cr[i].end);
    }
    free(v);
    ck_assert_int_eq(cl_segment(crlf, sizeof crlf - 1, abbrevs, CL_SPLIT_LINES, &v, &nv), 0);
    ck_assert_uint_eq(nv, 4);
    ck_assert_uint_eq(v[2].start, 34);
    ck_assert_uint_eq(v[2].end, 41);
    free(v);
}
END_TEST

START_TEST(test_empty_input)
{
    static const char *const none[] = {NULL};
    static const char blank[] = "  \n\t\r\n \xc2\xa0 \r \xe2\x80\xa8\xe2\x80\xa9\n";
    static cl_span dummy;
    cl_span *v = &dummy;
    size_t nv = 99;

    ck_assert_int_eq(cl_segment("", 0, abbrevs, CL_SPLIT_AUTO, &v, &nv), 0);
    ck_assert_ptr_null(v);
    ck_assert_uint_eq(nv, 0);
    ck_assert_int_eq(cl_segment(NULL, 0, abbrevs, CL_SPLIT_LINES, &v, &nv), 0);
    ck_assert_uint_eq(nv, 0);
    check_spans("blank-auto", blank, sizeof blank - 1, abbrevs, CL_SPLIT_AUTO, none);
    check_spans("blank-lines", blank, sizeof blank - 1, abbrevs, CL_SPLIT_LINES, none);
}
END_TEST

START_TEST(test_invalid_args)
{
    cl_span *v;
    size_t nv;

    ck_assert_int_eq(cl_segment(NULL, 3, abbrevs, CL_SPLIT_AUTO, &v, &nv), CL_EINVAL);
    ck_assert_ptr_null(v);
    ck_assert_int_eq(cl_segment("a", 1, abbrevs, (cl_split_mode)7, &v, &nv), CL_EINVAL);
    ck_assert_int_eq(cl_segment("a", 1, abbrevs, CL_SPLIT_AUTO, NULL, &nv), CL_EINVAL);
    ck_assert_ptr_nonnull(cl_error_last());
    ck_assert_int_eq(cl_error_last()->code, CL_EINVAL);
}
END_TEST

/* Without an abbreviation set only the generic rules apply. */
START_TEST(test_no_abbrevs)
{
    static const char *const want[] = {"Mr.", "Smith left.", "He said 3.14 at noon.", NULL};
    static const char text[] = "Mr. Smith left. He said 3.14 at noon.";

    check_spans("no-abbrevs", text, sizeof text - 1, NULL, CL_SPLIT_AUTO, want);
}
END_TEST

/* Write CONTENT to a fresh temporary file; its path goes to PATH. */
static void write_temp(char *path, size_t size, const char *content)
{
    const char *dir = getenv("TMPDIR");
    int fd;
    FILE *f;

    snprintf(path, size, "%s/test_segment_XXXXXX", dir && *dir ? dir : "/tmp");
    fd = mkstemp(path);
    ck_assert_msg(fd >= 0, "mkstemp failed");
    f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(content, f);
    fclose(f);
}

static const struct {
    const char *content;
    unsigned line;
} bad_files[] = {
    {"# header\nMr.\nbogus entry here\n", 3},
    {"Mr.\nInc. sometimes\n", 2},
    {"\n\nMr\n", 3},
    {"Mr.\r\nDr.\r\n%unknown Foo\r\n", 3},
    {"%starters The\n%minor of\nx\n", 3},
    {"Yahoo!\n!\n", 2},
};

START_TEST(test_abbrev_file_errors)
{
    char path[4096];
    cl_abbrevs *a = NULL;
    const cl_diag *d;
    int rc;

    write_temp(path, sizeof path, bad_files[_i].content);
    ck_assert_int_eq(cl_abbrevs_new(&a), 0);
    cl_error_clear();
    rc = cl_abbrevs_load(a, path);
    d = cl_error_last();
    unlink(path);
    cl_abbrevs_free(a);
    ck_assert_int_eq(rc, CL_EPARSE);
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(d->code, CL_EPARSE);
    ck_assert_uint_eq(d->line, bad_files[_i].line);
    ck_assert_str_eq(d->file, path);
    ck_assert_msg(d->message && *d->message, "no message");
}
END_TEST

START_TEST(test_abbrev_file_missing)
{
    cl_abbrevs *a = NULL;
    const cl_diag *d;

    ck_assert_int_eq(cl_abbrevs_new(&a), 0);
    ck_assert_int_eq(cl_abbrevs_load(a, "/nonexistent/abbrevs.txt"), CL_EIO);
    d = cl_error_last();
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d->file, "/nonexistent/abbrevs.txt");
    ck_assert_msg(strstr(d->message, "No such file") != NULL, "message: %s", d->message);
    cl_abbrevs_free(a);
    cl_abbrevs_free(NULL);
}
END_TEST

/* A small file of our own: classes, directives, comments, a reload. */
START_TEST(test_abbrev_file_format)
{
    static const char *const w1[] = {"Bar Foo. Then end.", NULL};
    static const char *const w2[] = {"Bar Foo.", "Ha ends.", NULL};
    static const char *const w3[] = {"See Qz. 4 today.", "Ask Qz.", "Then.", NULL};
    char path[4096];
    cl_abbrevs *a = NULL;

    write_temp(path, sizeof path, "# test\n  Foo.   end  # trailing comment\n\n"
                                  "Qz. never\nQz. num\n%starters Ha\t The\n");
    ck_assert_int_eq(cl_abbrevs_new(&a), 0);
    ck_assert_int_eq(cl_abbrevs_load(a, path), 0);
    unlink(path);
    check_spans("end-class", "Bar Foo. Then end.", 18, a, CL_SPLIT_AUTO, w1);
    check_spans("end-starter", "Bar Foo. Ha ends.", 17, a, CL_SPLIT_AUTO, w2);
    check_spans("num-redefined", "See Qz. 4 today. Ask Qz. Then.", 30, a, CL_SPLIT_AUTO, w3);
    cl_abbrevs_free(a);
}
END_TEST

/* Large and hostile inputs finish (Check's timeout catches quadratic work)
 * and give the right counts. */
START_TEST(test_large_inputs)
{
    static const char para[] = "Mr. Smith paid $1,200.50 at 9 a.m. in the U.S. Then he left. "
                               "Was it \"fine?\" she asked... and\nwent home.\n\n";
    const size_t reps = 20000, plen = sizeof para - 1, big = 1 << 20;
    size_t n = reps * plen, i, nv = 0;
    char *text = malloc(n > big + 2 ? n : big + 2);
    cl_span *v = NULL;

    ck_assert_ptr_nonnull(text);
    for (i = 0; i < reps; i++)
        memcpy(text + i * plen, para, plen);
    ck_assert_int_eq(cl_segment(text, n, abbrevs, CL_SPLIT_AUTO, &v, &nv), 0);
    ck_assert_uint_eq(nv, 3 * reps);
    free(v);
    /* one huge "word" full of periods, then one of terminators */
    for (i = 0; i < big; i++)
        text[i] = i % 2 ? '.' : 'a';
    ck_assert_int_eq(cl_segment(text, big, abbrevs, CL_SPLIT_AUTO, &v, &nv), 0);
    ck_assert_uint_eq(nv, 1);
    free(v);
    memset(text, '.', big);
    ck_assert_int_eq(cl_segment(text, big, abbrevs, CL_SPLIT_AUTO, &v, &nv), 0);
    ck_assert_uint_eq(nv, 1);
    free(v);
    /* a sentence, a megabyte of spaces and quotes, another sentence */
    memset(text, ' ', big);
    memset(text + big / 2, '(', 1000);
    memcpy(text, "It ended.", 9);
    memcpy(text + big - 4, "Yes.", 4);
    ck_assert_int_eq(cl_segment(text, big, abbrevs, CL_SPLIT_AUTO, &v, &nv), 0);
    ck_assert_uint_eq(nv, 2);
    free(v);
    /* many short lines */
    for (i = 0; i < big; i++)
        text[i] = i % 2 ? '\n' : 'A';
    ck_assert_int_eq(cl_segment(text, big, abbrevs, CL_SPLIT_LINES, &v, &nv), 0);
    ck_assert_uint_eq(nv, big / 2);
    free(v);
    ck_assert_int_eq(cl_segment(text, big, abbrevs, CL_SPLIT_AUTO, &v, &nv), 0);
    ck_assert_uint_eq(nv, big / 2);
    free(v);
    free(text);
}
END_TEST

Suite *suite_segment(void)
{
    Suite *s = suite_create("segment");
    TCase *tc = tcase_create("table");
    TCase *tf = tcase_create("files");
    TCase *tl = tcase_create("large");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_auto_table, 0, (int)N_AUTO_CASES);
    tcase_add_test(tc, test_founding_article);
    tcase_add_test(tc, test_lines_mode);
    tcase_add_test(tc, test_line_ends);
    tcase_add_test(tc, test_empty_input);
    tcase_add_test(tc, test_invalid_args);
    tcase_add_test(tc, test_no_abbrevs);
    suite_add_tcase(s, tc);

    tcase_add_loop_test(tf, test_abbrev_file_errors, 0,
                        (int)(sizeof bad_files / sizeof bad_files[0]));
    tcase_add_test(tf, test_abbrev_file_missing);
    tcase_add_test(tf, test_abbrev_file_format);
    suite_add_tcase(s, tf);

    tcase_add_checked_fixture(tl, setup, teardown);
    tcase_set_timeout(tl, 30);
    tcase_add_test(tl, test_large_inputs);
    suite_add_tcase(s, tl);
    return s;
}
