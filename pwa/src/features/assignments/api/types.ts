// Types of the assignments API and of the book/class/student lists the wizard reads (from the generated schema).
import type { components } from '@/shared/api/generated/schema';
import type { ApiData } from '@/shared/api/types';

type Schemas = components['schemas'];

export type Book = ApiData<'/api/v1/books', 'get'>[number];
export type ActivitySummary = ApiData<'/api/v1/books/{book_id}/activities', 'get'>[number];
export type ActivityDetail = ApiData<'/api/v1/activities/{activity_id}', 'get'>;
export type SchoolClass = ApiData<'/api/v1/classes', 'get'>[number];
export type Student = ApiData<'/api/v1/teachers/me/students', 'get'>[number];

export type Assignment = Schemas['AssignmentOut'];
export type AssignmentActivity = Schemas['AssignmentActivityOut'];
export type AssignmentCreate = Schemas['AssignmentCreate'];
export type AssignmentUpdate = Schemas['AssignmentUpdate'];
export type AssignmentResults = Schemas['AssignmentResults'];
export type StudentResult = Schemas['StudentResult'];
export type StudentStatus = StudentResult['status'];
export type ExtensionInput = Schemas['ExtensionIn'];
export type AssignmentAnalytics = Schemas['AssignmentAnalytics'];
export type ActivityAnalytics = Schemas['ActivityAnalytics'];
export type ItemAnalytics = Schemas['ItemAnalytics'];
export type WrongAnswer = Schemas['WrongAnswer'];
