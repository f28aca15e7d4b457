import { seeOther } from '@/server/api/respond';
import { signOut } from '@/server/auth/sign-in';
import { otherMethods } from '@/server/api/not-allowed';

// Ends this browser's session (POST only: a link or an image cannot sign anyone out).
export async function POST(request: Request) {
  const setCookies = await signOut(request.headers);
  return seeOther('/sign-in?signed-out=1', setCookies);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
