/* Inputs where a conversion's input item is cut short (7.21.6.2p9) or where a %%
   directive meets white space: each line is what sscanf returned, stored and consumed. */
#include <stdio.h>

int main(void)
{
    static const char *inputs[] = {
        "0X.", "0x", "0xg", "0x.p1", "0x.8", "0xp1", "0x1p", "0x1p+", "1e", "1e+", ".", "-.",
        "0x.q", "-0x", "-0x.", "inf", "infin", "nan(", "nan(12", "0X. 5", "0x 5", "1e 5",
        "1e+ 5", ". 5", "  % 5", " %5", "x% 5", "0 % 0x1.8p3", "%%", " % %7", "\n%\t-3",
    };
    for (unsigned i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        double a = -1, b = -1;
        int n = -2, m = -2, x = -1, y = -1;
        int floats = sscanf(inputs[i], "%lf%n%lf", &a, &n, &b);
        int percents = sscanf(inputs[i], "%%%n%d", &m, &x);
        int between = sscanf(inputs[i], "%d%%%d", &x, &y);
        printf("[%s] %d %a n=%d %a | %d m=%d %d | %d %d %d\n", inputs[i], floats, a, n, b,
               percents, m, x, between, x, y);
    }
    return 0;
}
