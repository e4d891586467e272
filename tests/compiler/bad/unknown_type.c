// expect-error: 2:1: unknown type name 'widget_t'
widget_t make(void);
int main(void) { return 0; }
