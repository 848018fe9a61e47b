export declare const minimumNode: string;
export declare const node24Folder: string;
export declare function nodeVersionOk(version: string): boolean;
export declare function nodeVersionProblem(version: string, execPath: string): string | null;
