// expect-error: 4:35: initialization of flexible array member in a nested context
struct text { int length; char bytes[]; };
struct text fine[2] = {{1}, {2}};
struct text inner[2] = {{1}, {2, {'a', 'b'}}};
int main(void) { return fine[0].length + inner[0].length; }
