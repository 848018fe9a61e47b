import { createContext, useContext } from 'react';
import type { DesktopLab } from './lab-client/desktop-lab.js';

/** The one LabApi the screens talk to (IPC in Electron, HTTP in a browser), given by the host. */
export const LabContext = createContext<DesktopLab | null>(null);

export function useLab(): DesktopLab {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('useLab() outside <LabContext.Provider>');
  return lab;
}
