// expect-error: 3:5: 'break' statement not in loop or switch statement
int main(void) {
    break;
    return 0;
}
