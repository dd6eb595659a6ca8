/* The built library needs only glibc at run time (no OpenMP runtime): reads
 * the DT_NEEDED entries of its ELF dynamic section (path in argv[1]) and
 * checks each against glibc's libraries. A sanitizer build may also need the
 * sanitizer runtimes. */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ne_test.h"

static const char *const allowed[] = {"libc.so.", "libm.so.", "libpthread.so.", "libdl.so.", "librt.so.",
                                      "ld-linux-x86-64.so.", "ld-linux-aarch64.so.",
#ifdef NE_SANITIZE_BUILD
                                      "libasan.so.", "libubsan.so.", "libtsan.so.",
#endif
                                      NULL};

static int is_allowed(const char *name) {
  for (int i = 0; allowed[i]; ++i)
    if (strncmp(name, allowed[i], strlen(allowed[i])) == 0)
      return 1;
  return 0;
}

static unsigned char *read_file(const char *path, long *size) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  *size = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *data = malloc((size_t)*size);
  if (data && fread(data, 1, (size_t)*size, f) != (size_t)*size) {
    free(data);
    data = NULL;
  }
  fclose(f);
  return data;
}

/* File offset of virtual address `address` (through the PT_LOAD segments), or -1. */
static long offset_of(const unsigned char *data, const Elf64_Ehdr *eh, Elf64_Addr address) {
  for (int i = 0; i < eh->e_phnum; ++i) {
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(data + eh->e_phoff + (size_t)i * eh->e_phentsize);
    if (ph->p_type == PT_LOAD && address >= ph->p_vaddr && address < ph->p_vaddr + ph->p_filesz)
      return (long)(ph->p_offset + (address - ph->p_vaddr));
  }
  return -1;
}

int main(int argc, char **argv) {
  CHECK_MSG(argc == 2, "usage: test_elf_needed <path of libneuroengine.so>");
  if (argc != 2)
    return ne_test_finish("test_elf_needed");
  long size = 0;
  unsigned char *data = read_file(argv[1], &size);
  CHECK_MSG(data != NULL, "cannot read %s", argv[1]);
  if (!data)
    return ne_test_finish("test_elf_needed");
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)data;
  CHECK(size > (long)sizeof *eh && memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 && eh->e_ident[EI_CLASS] == ELFCLASS64);
  const Elf64_Dyn *dyn = NULL;
  size_t n_dyn = 0;
  for (int i = 0; i < eh->e_phnum; ++i) {
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(data + eh->e_phoff + (size_t)i * eh->e_phentsize);
    if (ph->p_type == PT_DYNAMIC) {
      dyn = (const Elf64_Dyn *)(data + ph->p_offset);
      n_dyn = ph->p_filesz / sizeof *dyn;
    }
  }
  CHECK_MSG(dyn != NULL, "%s has no dynamic section", argv[1]);
  long strtab = -1;
  for (size_t i = 0; dyn && i < n_dyn && dyn[i].d_tag != DT_NULL; ++i)
    if (dyn[i].d_tag == DT_STRTAB)
      strtab = offset_of(data, eh, dyn[i].d_un.d_ptr);
  CHECK_MSG(strtab >= 0, "no string table for the dynamic section");
  int needed = 0, libc = 0;
  for (size_t i = 0; strtab >= 0 && i < n_dyn && dyn[i].d_tag != DT_NULL; ++i) {
    if (dyn[i].d_tag != DT_NEEDED)
      continue;
    const char *name = (const char *)data + strtab + dyn[i].d_un.d_val;
    ++needed;
    libc |= strncmp(name, "libc.so.", 8) == 0;
    printf("NEEDED %s\n", name);
    CHECK_MSG(is_allowed(name), "the library needs %s, which is not part of glibc", name);
  }
  CHECK_MSG(needed > 0 && libc, "found %d NEEDED entries and no libc: the parse went wrong", needed);
  free(data);
  return ne_test_finish("test_elf_needed");
}
