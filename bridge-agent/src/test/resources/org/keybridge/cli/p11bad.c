/* A PKCS#11 module that fails its smoke test, for the driver-bundle tests. C_GetFunctionList works; C_Initialize
 * does what BAD_MODE says at build time: 1 = returns CKR_GENERAL_ERROR, 2 = writes through a null pointer
 * (segmentation fault), 3 = never returns (an install interrupted while it is tested). */
#include <unistd.h>
#include <p11-kit/pkcs11.h>
static CK_RV init(CK_VOID_PTR a) {
  (void) a;
#if BAD_MODE == 1
  return CKR_GENERAL_ERROR;
#elif BAD_MODE == 2
  *(volatile int *) 0 = 1;
#else
  for (;;) sleep(1);
#endif
  return CKR_OK;
}
static CK_RV fin(CK_VOID_PTR a) { (void) a; return CKR_OK; }
static CK_FUNCTION_LIST list = { {2, 40}, init, fin };
CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR pp) { *pp = &list; return CKR_OK; }
