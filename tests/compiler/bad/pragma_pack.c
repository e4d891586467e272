// expect-error: 2:9: #pragma pack is not supported in virtines
#pragma pack(1)
struct wire { char tag; int value; };
int main(void) { return 0; }
