import bcrypt from "bcryptjs";

const COST = 12;
// Compared against when the username does not exist, so a wrong username takes as long as a wrong password.
const DUMMY_HASH = "$2b$12$phKelNbyGO0yz8EVNhlIV.LGaXkE3mF0EMbbBGkLYX0l/wSKCMSyK";

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export async function verifyPassword(plain: string, hash: string | null): Promise<boolean> {
  const ok = await bcrypt.compare(plain, hash ?? DUMMY_HASH);
  return hash !== null && ok;
}
