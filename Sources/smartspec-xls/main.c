// smartspec-xls: reads legacy Excel workbooks (.xls, BIFF) with FreeXL, in a process of its own.
//
// SmartSpec never runs FreeXL inside its own process: a crafted .xls file can make FreeXL read
// outside its buffers (the fuzzer found one, Tests/Fuzz/regressions/freexl-stack-underflow.xls), so
// the library starts this small program and reads what it prints. Whatever the file does to it,
// SmartSpec only sees an exit status and text; memory and time are capped here.
//
//   smartspec-xls names FILE          one sheet name a line
//   smartspec-xls sheet FILE INDEX    one line a non-empty cell: ROW TAB COLUMN TAB (N|T) TAB VALUE
//
// Text is printed with \\, \t, \n and \r escaped. On a FreeXL error the only line is `E CODE`, on an
// encrypted workbook `P`; the exit status is then 3.
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static void limit(int resource, rlim_t value) {
    struct rlimit r = {value, value};
    setrlimit(resource, &r);
}

static void print_text(const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '\\': fputs("\\\\", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        default: fputc(*s, stdout);
        }
    }
}

static int fail(int code) {
    printf("E %d\n", code);
    return 3;
}

int main(int argc, char **argv) {
    limit(RLIMIT_AS, (rlim_t)4 << 30);   // 4 GiB of address space
    limit(RLIMIT_CPU, 120);              // two minutes
    if (argc < 3 || (strcmp(argv[1], "names") != 0 && strcmp(argv[1], "sheet") != 0) || (strcmp(argv[1], "sheet") == 0 && argc < 4)) {
        fprintf(stderr, "usage: smartspec-xls names FILE | sheet FILE INDEX\n");
        return 2;
    }
    const void *handle = NULL;
    int status = freexl_open(argv[2], &handle);
    if (status != FREEXL_OK) return fail(status);
    unsigned int info = 0;
    if (freexl_get_info(handle, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED) {
        freexl_close(handle);
        puts("P");
        return 3;
    }
    if (strcmp(argv[1], "names") == 0) {
        unsigned int count = 0;
        if ((status = freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &count)) != FREEXL_OK) return fail(status);
        for (unsigned int i = 0; i < count && i < 65535; i++) {
            const char *name = NULL;
            if (freexl_get_worksheet_name(handle, (unsigned short)i, &name) == FREEXL_OK && name) print_text(name);
            else printf("%u", i + 1);
            putchar('\n');
        }
        freexl_close(handle);
        return 0;
    }
    long index = strtol(argv[3], NULL, 10);
    if (index < 0 || index > 65535) return fail(FREEXL_BIFF_ILLEGAL_SHEET_INDEX);
    if ((status = freexl_select_active_worksheet(handle, (unsigned short)index)) != FREEXL_OK) return fail(status);
    unsigned int rows = 0;
    unsigned short columns = 0;
    if ((status = freexl_worksheet_dimensions(handle, &rows, &columns)) != FREEXL_OK) return fail(status);
    if ((double)rows * columns > 20000000.0) return fail(FREEXL_INSUFFICIENT_MEMORY);
    for (unsigned int r = 0; r < rows; r++) {
        for (unsigned short c = 0; c < columns; c++) {
            FreeXL_CellValue value;
            if ((status = freexl_get_cell_value(handle, r, c, &value)) != FREEXL_OK) return fail(status);
            switch (value.type) {
            case FREEXL_CELL_INT: printf("%u\t%u\tN\t%d\n", r, c, value.value.int_value); break;
            case FREEXL_CELL_DOUBLE: printf("%u\t%u\tN\t%.17g\n", r, c, value.value.double_value); break;
            case FREEXL_CELL_TEXT: case FREEXL_CELL_SST_TEXT: case FREEXL_CELL_DATE: case FREEXL_CELL_DATETIME: case FREEXL_CELL_TIME:
                if (value.value.text_value) { printf("%u\t%u\tT\t", r, c); print_text(value.value.text_value); putchar('\n'); }
                break;
            default: break;
            }
        }
    }
    freexl_close(handle);
    return 0;
}
