// expect-error: 5:3: __attribute__((packed)) is not supported in virtines
struct wire {
    char tag;
    int value;
} __attribute__((packed));
int main(void) { return 0; }
