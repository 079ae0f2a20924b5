import type { Role } from '#adapters/jwt-verifier';

/** The people the local stack signs in as. Their claims mirror what Cognito or an OIDC provider sends. */
export interface SeededUser {
  sub: string;
  name: string;
  email: string;
  role: Role;
  office?: 'BJ' | 'SH';
  description: string;
}

export const SEEDED_USERS: readonly SeededUser[] = [
  {
    sub: 'applicant-zhang-wei',
    name: '张伟',
    email: 'zhang.wei@example.cn',
    role: 'applicant',
    description: 'Applicant: a Chinese individual in Beijing / 申请人（北京个人）',
  },
  {
    sub: 'applicant-lanting-tech',
    name: '上海兰亭科技有限公司 (Li Na)',
    email: 'li.na@lanting.example.cn',
    role: 'applicant',
    description: 'Applicant: a Shanghai company / 申请人（上海企业）',
  },
  {
    sub: 'officer-wang-fang',
    name: '王芳',
    email: 'wang.fang@hosting.example',
    role: 'officer',
    office: 'BJ',
    description: 'Officer, Beijing office / 审核员（北京）',
  },
  {
    sub: 'officer-chen-jing',
    name: '陈静',
    email: 'chen.jing@hosting.example',
    role: 'officer',
    office: 'SH',
    description: 'Officer, Shanghai office / 审核员（上海）',
  },
  {
    sub: 'supervisor-liu-yang',
    name: '刘洋',
    email: 'liu.yang@hosting.example',
    role: 'supervisor',
    office: 'BJ',
    description: 'Supervisor / 主管',
  },
];
