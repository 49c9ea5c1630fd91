/* number.c - numbers as values: read a number written in a sentence, over
 * one token or several, with its unit, so that a rule can say
 * <number unit="GBP" value="95500"/> and match "£95,500", "95,500 pounds"
 * or "GBP 95,500" alike.
 *
 * What is read, from token I of a sentence:
 *   [currency]  £ $ € ¥, US$, a code (USD, GBP, EUR ...)
 *   amount      digits with "," or thin-space groups and a "." decimal part
 *               ("95,500", "13.8", ".5"), with a magnitude suffix ("3.5bn",
 *               "12m", "5k"); or words: "seven", "twenty-one", "a dozen",
 *               "two-thirds", "half", "a hundred", "three hundred"
 *   [magnitude] thousand, million, billion, trillion, bn, mn, m, k
 *   [unit]      "%", "percent", "per cent", a currency code or name
 *               ("pounds", "dollars", "euros") after the amount
 * A bare "$" is taken as US dollars. Values are doubles: exact for whole
 * numbers up to 2^53, which is every amount a news story gives.
 */
#include <math.h> /* isfinite, a macro: no libm */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const struct {
    const char *word; /* folded */
    const char *unit;
} units[] = {
    {"$", "USD"},      {"us$", "USD"},    {"usd", "USD"},   {"dollar", "USD"},
    {"dollars", "USD"}, {"£", "GBP"},      {"gbp", "GBP"},   {"pound", "GBP"},
    {"pounds", "GBP"}, {"€", "EUR"},      {"eur", "EUR"},   {"euro", "EUR"},
    {"euros", "EUR"},  {"¥", "JPY"},      {"jpy", "JPY"},   {"yen", "JPY"},
    {"chf", "CHF"},    {"francs", "CHF"}, {"cad", "CAD"},   {"aud", "AUD"},
    {"nzd", "NZD"},    {"inr", "INR"},    {"rupees", "INR"}, {"cny", "CNY"},
    {"yuan", "CNY"},   {"rmb", "CNY"},    {"%", "%"},       {"percent", "%"},
};

int cl_number_unit(const char *name, char out[8])
{
    char low[16];
    size_t i, n = strlen(name);

    if (n == 0 || n >= sizeof low)
        return -1;
    for (i = 0; i <= n; i++)
        low[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
    for (i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(low, units[i].word) == 0) {
            strcpy(out, units[i].unit);
            return 0;
        }
    return -1;
}

/* The unit named by token T (a symbol, code or name), or NULL. */
static const char *unit_of(const cl_token *t)
{
    size_t i;

    for (i = 0; i < sizeof units / sizeof units[0]; i++)
        if (cl_streq(t->fold, units[i].word))
            return units[i].unit;
    return NULL;
}

static double magnitude(const char *w)
{
    static const struct {
        const char *word;
        double factor;
    } mags[] = {{"thousand", 1e3}, {"k", 1e3},   {"million", 1e6}, {"m", 1e6},
                {"mn", 1e6},       {"mln", 1e6}, {"billion", 1e9}, {"bn", 1e9},
                {"b", 1e9},        {"trillion", 1e12}, {"tn", 1e12}};
    size_t i;

    for (i = 0; i < sizeof mags / sizeof mags[0]; i++)
        if (strcmp(w, mags[i].word) == 0)
            return mags[i].factor;
    return 0;
}

/* Digits with group separators, a decimal part and a magnitude suffix
 * ("95,500", "13.8", "3.5bn"); 1 and *V on success. */
static int digits(const char *s, double *v)
{
    char buf[64];
    size_t n = 0;
    double f;
    char *end;

    for (; *s && n + 1 < sizeof buf; s++) {
        if (*s == ',')
            continue;
        if ((*s < '0' || *s > '9') && *s != '.')
            break;
        buf[n++] = *s;
    }
    buf[n] = '\0';
    if (!n || strcmp(buf, ".") == 0)
        return 0;
    f = strtod(buf, &end);
    if (*end || !isfinite(f))
        return 0;
    if (*s) {
        double m = magnitude(s);
        if (!m)
            return 0;
        f *= m;
    }
    *v = f;
    return 1;
}

static double word_value(const char *w)
{
    static const char *const ones[] = {"zero", "one", "two", "three", "four", "five", "six",
                                       "seven", "eight", "nine", "ten", "eleven", "twelve",
                                       "thirteen", "fourteen", "fifteen", "sixteen",
                                       "seventeen", "eighteen", "nineteen"};
    static const char *const tens[] = {"twenty", "thirty", "forty", "fifty",
                                       "sixty", "seventy", "eighty", "ninety"};
    size_t i;

    for (i = 0; i < sizeof ones / sizeof ones[0]; i++)
        if (strcmp(w, ones[i]) == 0)
            return (double)i;
    for (i = 0; i < sizeof tens / sizeof tens[0]; i++)
        if (strcmp(w, tens[i]) == 0)
            return (double)(20 + 10 * i);
    if (strcmp(w, "dozen") == 0)
        return 12;
    if (strcmp(w, "hundred") == 0)
        return 100;
    return -1;
}

/* A fraction word ("third", "quarters", "half") as its denominator. */
static double denominator(const char *w)
{
    static const struct {
        const char *word;
        double d;
    } fr[] = {{"half", 2},    {"halves", 2},  {"third", 3},   {"thirds", 3},
              {"quarter", 4}, {"quarters", 4}, {"fourth", 4}, {"fourths", 4},
              {"fifth", 5},   {"fifths", 5},  {"tenth", 10},  {"tenths", 10}};
    size_t i;

    for (i = 0; i < sizeof fr / sizeof fr[0]; i++)
        if (strcmp(w, fr[i].word) == 0)
            return fr[i].d;
    return 0;
}

/* A number written in words in one token: "seven", "twenty-one",
 * "two-thirds", "one-half". */
static int word_number(const char *w, double *v)
{
    const char *dash = strchr(w, '-');
    char a[32];
    double x, y, d;

    if ((x = word_value(w)) >= 0) {
        *v = x;
        return 1;
    }
    if (!dash || (size_t)(dash - w) >= sizeof a)
        return 0;
    memcpy(a, w, (size_t)(dash - w));
    a[dash - w] = '\0';
    x = word_value(a);
    if (x < 0)
        return 0;
    if ((y = word_value(dash + 1)) >= 1 && y < 10 && x >= 20) {
        *v = x + y; /* twenty-one */
        return 1;
    }
    if ((d = denominator(dash + 1)) > 0) {
        *v = x / d; /* two-thirds */
        return 1;
    }
    return 0;
}

size_t cl_number_at(const cl_sentence *s, size_t i, double *value, char unit[8])
{
    const cl_token *t = s->tokens;
    size_t n = s->ntokens, k = i;
    const char *u = NULL;
    double v = 0, m;
    int have = 0;

    unit[0] = '\0';
    if (k >= n)
        return 0;
    /* a currency before the amount: "£", "US$", "GBP" */
    if ((u = unit_of(&t[k])) != NULL && strcmp(u, "%") != 0) {
        k++;
    } else if (cl_streq(t[k].fold, "us") && k + 2 < n && cl_streq(t[k + 1].fold, "$")) {
        u = "USD";
        k += 2;
    } else {
        u = NULL;
    }
    if (k >= n)
        return 0;
    if (t[k].kind == CL_TOK_NUMBER) {
        have = digits(t[k].fold, &v);
    } else if (t[k].kind == CL_TOK_WORD) {
        if ((cl_streq(t[k].fold, "a") || cl_streq(t[k].fold, "an")) && k + 1 < n &&
            (word_value(t[k + 1].fold) >= 12 || denominator(t[k + 1].fold) > 0)) {
            k++; /* "a dozen", "a hundred", "a third", "a half" */
            v = denominator(t[k].fold) > 0 ? 1 / denominator(t[k].fold) : word_value(t[k].fold);
            have = 1;
        } else {
            have = word_number(t[k].fold, &v);
        }
    }
    if (!have)
        return 0;
    k++;
    /* "three hundred", "3.5 million", "two thousand" */
    while (k < n && t[k].kind == CL_TOK_WORD) {
        m = cl_streq(t[k].fold, "hundred") ? 100 : magnitude(t[k].fold);
        if (m <= 0)
            break;
        v *= m;
        k++;
    }
    if (!u && k < n) {
        if ((u = unit_of(&t[k])) != NULL) {
            k++;
        } else if (cl_streq(t[k].fold, "per") && k + 1 < n && cl_streq(t[k + 1].fold, "cent")) {
            u = "%";
            k += 2;
        }
    }
    if (!isfinite(v))
        return 0;
    *value = v;
    if (u)
        strcpy(unit, u);
    return k - i;
}

/* How far two values may differ and still be equal: a billionth of
 * their size (3.5bn read as 3.5e9), at least that of 1. */
static double slack(double x)
{
    x = x < 0 ? -x : x;
    return 1e-9 * (x > 1 ? x : 1);
}

int cl_number_fits(const cl_numspec *spec, double value, const char *unit)
{
    double d = value - spec->value;

    if (spec->unit[0] && strcmp(spec->unit, unit) != 0)
        return 0;
    if (spec->has_value && (d < 0 ? -d : d) > slack(spec->value))
        return 0;
    if (spec->has_min && value < spec->min - slack(spec->min))
        return 0;
    if (spec->has_max && value > spec->max + slack(spec->max))
        return 0;
    return 1;
}
