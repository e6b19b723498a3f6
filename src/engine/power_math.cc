#include <algorithm>
#include <cassert>

#include "power_internal.h"

namespace whipcount::power_internal {

mpz_class Factorial(int n) {
  mpz_class f;
  mpz_fac_ui(f.get_mpz_t(), static_cast<unsigned long>(std::max(0, n)));
  return f;
}

mpz_class PowerOfTwo(std::int64_t e) {
  assert(e >= 0);
  mpz_class x = 1;
  mpz_mul_2exp(x.get_mpz_t(), x.get_mpz_t(), static_cast<mp_bitcnt_t>(e));
  return x;
}

mpz_class ToMpz(std::uint64_t x) {
  mpz_class out;
  mpz_import(out.get_mpz_t(), 1, -1, sizeof(x), 0, 0, &x);
  return out;
}

}  // namespace whipcount::power_internal
